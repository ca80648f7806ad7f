import type { Flow, FlowNode, Source } from './flow-schema.js';
import { EMPTY_SEARCH_CONTENT, type SearchContent } from './search/search-content.js';
import { SymptomSearch } from './search/symptom-search.js';
import { searchLibrary } from './search/search-library.js';

/** The validated flows the bot serves, in menu order, with O(1) node look-up. */
export class FlowCatalog {
  private readonly byId: ReadonlyMap<string, Flow>;
  private readonly nodes: ReadonlyMap<string, ReadonlyMap<string, FlowNode>>;
  readonly flows: readonly Flow[];
  private builtSearch: SymptomSearch | undefined;

  /**
   * @param sourceTitles seed document file name → its title, for the "Bron" line on cards.
   * @param searchContent synonyms and word lists from `flows/synonyms.yaml` and `flows/words.yaml`.
   */
  constructor(
    flows: readonly Flow[],
    private readonly sourceTitles: ReadonlyMap<string, string> = new Map(),
    private readonly searchContent: SearchContent = EMPTY_SEARCH_CONTENT,
  ) {
    this.flows = [...flows].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    this.byId = new Map(this.flows.map((f) => [f.id, f]));
    this.nodes = new Map(this.flows.map((f) => [f.id, new Map(f.nodes.map((n) => [n.id, n]))]));
  }

  /**
   * What typed text means: the symptom search over these flows, built once, at its first use. The
   * flows are checked before the bot serves; the index over them is not needed for that, so the
   * bot builds it right after it starts listening, and a message typed before then waits for it.
   */
  get search(): SymptomSearch {
    this.builtSearch ??= new SymptomSearch(this.flows, this.searchContent, searchLibrary);
    return this.builtSearch;
  }

  /** Builds the search now, if no message has built it yet. */
  prepareSearch(): void {
    void this.search;
  }

  flow(id: string): Flow | undefined {
    return this.byId.get(id);
  }

  node(flowId: string, nodeId: string): FlowNode | undefined {
    return this.nodes.get(flowId)?.get(nodeId);
  }

  /**
   * "Inloggen - inlogproblemen (maart 2026) › “Geen rechten om e-books te lenen”": the section in
   * quotation marks, because it is the seed's own words, typos included.
   */
  sourceLine(source: Source): string {
    return `${this.sourceTitles.get(source.document) ?? source.document} › “${source.section}”`;
  }
}
