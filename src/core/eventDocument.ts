import { findNodeAtOffset, parseTree, type Node } from 'jsonc-parser';
import { eventJson, jsonOffsetOf, type EventJson, type PayloadLocation } from './eventSource';
import { nestedTooDeep } from './scan';

/**
 * One event's JSON parsed once into a tree, with the way back to document offsets: what hover,
 * navigation and problem locating are given (as vscode-json-languageservice hands its JSONDocument
 * to each service). Nodes carry offsets in `json`; `rangeOf` maps them to the document.
 */
export interface EventDocument extends EventJson {
  root: Node;
  /** The deepest node at a document offset; undefined outside the event's own JSON text (JWT claims have no place). */
  getNodeFromOffset(offset: number): Node | undefined;
  /** The document range of a node. */
  rangeOf(node: Node): { start: number; end: number };
}

/** Parses JSON text into a jsonc-parser tree; undefined when there is no value or it nests deeper than MAX_DEPTH. */
export function parseJsonTree(json: string): Node | undefined {
  if (nestedTooDeep(json)) return undefined;
  return parseTree(json, [], { allowTrailingComma: true, disallowComments: true });
}

/**
 * The parsed JSON of an event: the object itself, a capture record's decoded body, or (given its
 * `claimsText`) a JWT's claims. Undefined when there is none to parse or it is too deep.
 */
export function parseEventDocument(document: string, event: PayloadLocation, claimsText?: string): EventDocument | undefined {
  const source = eventJson(document, event, claimsText);
  const root = source && parseJsonTree(source.json);
  if (!source || !root) return undefined;
  const { json, toDocument } = source;
  return {
    json, toDocument, root,
    getNodeFromOffset(offset) {
      if (event.payload !== 'json' || offset < event.textStart || offset >= event.textEnd) return undefined;
      // Identity plus a shift, or back through a capture record body's escapes.
      const at = event.escaped ? jsonOffsetOf(source, offset) : offset - event.textStart;
      return at === undefined ? undefined : findNodeAtOffset(root, at);
    },
    rangeOf: (node) => toDocument(node.offset, node.length),
  };
}
