/* global window, document, requestAnimationFrame, AdaptiveCards */
/**
 * Runs in the browser (index.html of the card preview). Renders every card in the page's
 * `#cards` data with the official `adaptivecards` renderer in each of its frames (one per width,
 * e.g. Teams on a laptop and on a phone), then checks what a staff member would notice: renderer
 * warnings or exceptions, an empty card, a button whose text is cut off, or anything (a button,
 * a long word, a wide column) that sticks out of the card. Results, one per card and width, go
 * to `window.previewResults` and under each frame; `body[data-rendered="done"]` says the checks
 * have run.
 */
(function gallery() {
  'use strict';

  const escapeHtml = (text) =>
    text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);

  const inline = (text) =>
    escapeHtml(text)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|\W)_([^_]+)_(?=\W|$)/g, '$1<em>$2</em>')
      .replace(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g, '<a href="$2">$1</a>');

  /** The Markdown subset Teams shows in TextBlocks: paragraphs, line breaks, lists, bold, italic, links. */
  function markdown(text) {
    return text
      .split(/\n{2,}/)
      .map((block) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*] /.test(l))) return `<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ''))}</li>`).join('')}</ul>`;
        const ordered = lines.map((l) => /^\s*(\d+)\. (.*)$/.exec(l));
        if (ordered.every((m) => m !== null)) return `<ol start="${ordered[0][1]}">${ordered.map((m) => `<li>${inline(m[2])}</li>`).join('')}</ol>`;
        return `<p>${lines.map(inline).join('<br>')}</p>`;
      })
      .join('');
  }

  /**
   * Text the renderer silently leaves out: a TextBlock text, fact or button title that is not a
   * string (templating turns "${count}" into the number itself), so the staff member sees a gap.
   */
  function missingText(json) {
    const problems = [];
    const visit = (value, path) => {
      if (Array.isArray(value)) return value.forEach((item, i) => visit(item, `${path}[${i}]`));
      if (value === null || typeof value !== 'object') return;
      const fields = value.type === 'TextBlock' ? ['text'] : typeof value.type === 'string' && value.type.startsWith('Action.') ? ['title'] : [];
      if (/\.facts\[\d+\]$/.test(path)) fields.push('title', 'value');
      for (const field of fields) {
        if (typeof value[field] !== 'string') problems.push(`tekst ontbreekt: ${path}.${field} is ${JSON.stringify(value[field])}, geen tekst`);
      }
      for (const [key, child] of Object.entries(value)) if (key !== 'data') visit(child, `${path}.${key}`);
    };
    visit(json, 'card');
    return problems;
  }

  function parseAndRender(json, hostConfig) {
    const problems = missingText(json);
    const card = new AdaptiveCards.AdaptiveCard();
    card.hostConfig = new AdaptiveCards.HostConfig(hostConfig);
    card.onExecuteAction = () => undefined;
    const context = new AdaptiveCards.SerializationContext();
    context.targetVersion = AdaptiveCards.Versions.v1_5;
    card.parse(json, context);
    for (let i = 0; i < context.eventCount; i++) problems.push(`renderer: ${context.getEventAt(i).message}`);
    for (const event of card.validateProperties().validationEvents) problems.push(`renderer: ${event.message}`);
    const element = card.render();
    return { element, problems };
  }

  /** Buttons whose title is cut off (ellipsis) or that reach past the card's right edge. */
  function buttonProblems(root) {
    const problems = [];
    const cardBox = root.getBoundingClientRect();
    const buttons = [...root.querySelectorAll('button.ac-pushButton')];
    for (const button of buttons) {
      const title = button.querySelector('div') || button;
      const label = (title.textContent || '').trim();
      const box = button.getBoundingClientRect();
      if (title.scrollWidth > title.clientWidth + 1) problems.push(`knop "${label}" past niet: de tekst wordt afgekapt (${title.scrollWidth}px tekst in ${title.clientWidth}px)`);
      if (box.right > cardBox.right + 0.5 || box.left < cardBox.left - 0.5) problems.push(`knop "${label}" steekt buiten de kaart (${Math.round(box.right - cardBox.left)}px van ${Math.round(cardBox.width)}px)`);
    }
    return { problems, count: buttons.length };
  }

  /**
   * Anything besides buttons (see buttonProblems) that reaches past the card's edges, such as a
   * long word or a wide column; only the outermost such element is named.
   */
  function overflowProblems(root) {
    const problems = [];
    const cardBox = root.getBoundingClientRect();
    const reported = [];
    for (const element of root.querySelectorAll('*')) {
      if (reported.some((r) => r.contains(element))) continue;
      if (element.closest('button') || element.querySelector('button')) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      if (box.right > cardBox.right + 0.5 || box.left < cardBox.left - 0.5) {
        reported.push(element);
        const label = (element.textContent || element.tagName).replace(/\s+/g, ' ').trim().slice(0, 40);
        problems.push(`"${label}" steekt buiten de kaart (${Math.round(box.right - cardBox.left)}px van ${Math.round(cardBox.width)}px)`);
      }
    }
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`de kaart is breder dan het venster (${root.scrollWidth}px in ${root.clientWidth}px)`);
    return problems;
  }

  async function run() {
    const data = JSON.parse(document.getElementById('cards').textContent);
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdown(text);
      result.didProcess = true;
    };
    const rendered = [];
    for (const [index, entry] of data.cards.entries()) {
      for (const slot of document.querySelectorAll(`#card-${index} .width`)) {
        const frame = slot.querySelector('.frame');
        let problems = [];
        let element;
        try {
          const result = parseAndRender(entry.card, data.hostConfig);
          problems = result.problems;
          element = result.element;
        } catch (error) {
          problems.push(`renderer: fout bij renderen: ${error && error.message ? error.message : String(error)}`);
        }
        if (element) frame.appendChild(element);
        rendered.push({ entry, slot, frame, element, problems });
      }
    }
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const results = rendered.map(({ entry, slot, frame, element, problems }) => {
      const text = element ? element.innerText.replace(/\s+\n/g, '\n').trim() : '';
      if (!element || text === '' || element.getBoundingClientRect().height < 8) problems.push('leeg: de kaart toont niets');
      const buttons = element ? buttonProblems(frame) : { problems: [], count: 0 };
      problems.push(...buttons.problems);
      if (element) problems.push(...overflowProblems(element));
      const list = slot.querySelector('.problems');
      list.innerHTML = problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('');
      slot.classList.toggle('has-problems', problems.length > 0);
      return { name: entry.name, problems, buttons: buttons.count, text, width: Math.round(frame.getBoundingClientRect().width) };
    });
    const failing = results.filter((r) => r.problems.length > 0).length;
    document.getElementById('summary').textContent = `${data.cards.length} kaarten in ${results.length} breedtes, ${failing === 0 ? 'geen problemen' : `${failing} met problemen`}`;
    window.previewResults = results;
    document.body.dataset.rendered = 'done';
  }

  run().catch((error) => {
    window.previewResults = [{ name: '(galerij)', problems: [`galerij kon niet renderen: ${error && error.message ? error.message : String(error)}`], buttons: 0, text: '', width: 0 }];
    document.body.dataset.rendered = 'done';
  });
})();
