import type { Flow } from '../../src/troubleshooting/flow-schema.js';
import { GENERATED_NOTICE } from './flow-page.js';
import { cell, code, table } from './markdown.js';

/** `docs/flows/<flow>.md`: the page name of a flow. */
export const flowPageName = (flow: Flow): string => `${flow.id}.md`;

/** The index of all flow pages, in menu order. */
export function indexPage(flows: readonly Flow[]): string {
  return [
    GENERATED_NOTICE,
    '',
    '# Flows van Baliewijzer',
    '',
    'Elke flow is een bestand in `flows/`. Deze pagina’s laten per flow het stroomschema en de stappen zien, met de bron en de Wise-schermen van elke stap.',
    '',
    table(
      ['menu', 'flow', 'id', 'versie', 'stappen', 'omschrijving'],
      flows.map((f) => [String(f.order), `[${cell(f.title)}](${flowPageName(f)})`, code(f.id), String(f.version), String(f.nodes.length), cell(f.description)]),
    ),
    '',
    'Een flow aanpassen: wijzig het bestand in `flows/`, verhoog `version`, en voer uit:',
    '',
    '```bash',
    'npm run flows:check   # controleert alle flows, zoals de bot bij het starten doet',
    'npm run flows:docs    # maakt deze pagina’s opnieuw',
    '```',
    '',
  ].join('\n');
}
