import type { Flow, FlowNode, Source } from './flow-schema.js';

/** The validated flows the bot serves, in menu order, with O(1) node look-up. */
export class FlowCatalog {
  private readonly byId: ReadonlyMap<string, Flow>;
  private readonly nodes: ReadonlyMap<string, ReadonlyMap<string, FlowNode>>;
  readonly flows: readonly Flow[];

  /** @param sourceTitles seed document file name → its title, for the "Bron" line on cards. */
  constructor(
    flows: readonly Flow[],
    private readonly sourceTitles: ReadonlyMap<string, string> = new Map(),
  ) {
    this.flows = [...flows].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
    this.byId = new Map(this.flows.map((f) => [f.id, f]));
    this.nodes = new Map(this.flows.map((f) => [f.id, new Map(f.nodes.map((n) => [n.id, n]))]));
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
