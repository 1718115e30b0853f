import type { Membership, OrganisationType } from '../access/permissions';

/**
 * Discussions beside each item: who writes internal notes, how long a message stays editable,
 * how a message's text is checked and how its links are found (the web renders them as links,
 * never as HTML). Shared by the API (checks) and the web app (form, rendering).
 */

/** The items a thread belongs to (one thread per item). */
export const DISCUSSION_ITEM_TYPES = ['dossier', 'convention', 'poste', 'mission', 'operation_habitat', 'ligne_financement'] as const;
export type DiscussionItemType = (typeof DISCUSSION_ITEM_TYPES)[number];

export const DISCUSSION_ITEM_LABELS: Record<DiscussionItemType, string> = {
  dossier: 'Dossier',
  convention: 'Convention',
  poste: 'Poste de chef de projet',
  mission: 'Mission',
  operation_habitat: 'Opération d’habitat',
  ligne_financement: 'Ligne de financement',
};

export function isDiscussionItemType(value: unknown): value is DiscussionItemType {
  return typeof value === 'string' && (DISCUSSION_ITEM_TYPES as readonly string[]).includes(value);
}

/** A message's length, in characters (plain text). */
export const MESSAGE_MAX_LENGTH = 5000;
/** People mentioned in one message. */
export const MESSAGE_MAX_MENTIONS = 20;
/** The author edits their message during this time after posting it. */
export const MESSAGE_EDIT_WINDOW_MINUTES = 15;

/** The organisations of the State's services: they write internal notes and read them. */
export const STATE_ORGANISATION_TYPES: readonly OrganisationType[] = ['prefecture', 'sgar', 'anct'];

/**
 * Whether the memberships are those of a State service (préfecture, SGAR, ANCT): such a user
 * writes and reads internal notes on the items they read; communes, EPCI and partners never see
 * them.
 */
export function estServiceEtat(memberships: readonly Membership[]): boolean {
  return memberships.some((m) => STATE_ORGANISATION_TYPES.includes(m.organisationType));
}

/** Why a message's text is refused (empty when accepted). */
export function messageTexteErreurs(texte: string): string[] {
  const trimmed = texte.trim();
  if (trimmed.length === 0) return ['Écrivez un message.'];
  if ([...texte].length > MESSAGE_MAX_LENGTH) return [`Un message compte au plus ${MESSAGE_MAX_LENGTH.toLocaleString('fr-FR')} caractères.`];
  // Line breaks and tabs are text; other control characters are not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(texte)) return ['Le message contient des caractères de contrôle.'];
  return [];
}

/** Whether the author still edits a message posted at `creeLe` (ISO instant), at `now`. */
export function modifiableJusqua(creeLe: string | Date): Date {
  return new Date(new Date(creeLe).getTime() + MESSAGE_EDIT_WINDOW_MINUTES * 60_000);
}

export type MessageEditRefus = 'pas_auteur' | 'supprime' | 'delai_depasse' | null;

/** Why a user may not edit a message (null when they may): only its author, within the window, if not deleted. */
export function refusModification(message: { auteurId: string | null; creeLe: string | Date; supprime: boolean }, userId: string, now: Date): MessageEditRefus {
  if (message.auteurId !== userId) return 'pas_auteur';
  if (message.supprime) return 'supprime';
  if (now.getTime() > modifiableJusqua(message.creeLe).getTime()) return 'delai_depasse';
  return null;
}

export type MessageSegment = { kind: 'texte'; text: string } | { kind: 'lien'; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}»’]+$/;

/**
 * A message's text cut into plain text and links (http and https only), for rendering as text
 * nodes and anchors: no HTML of the message is ever interpreted. Trailing punctuation stays text.
 */
export function messageSegments(texte: string): MessageSegment[] {
  const segments: MessageSegment[] = [];
  let last = 0;
  for (const match of texte.matchAll(URL_PATTERN)) {
    const start = match.index ?? 0;
    let url = match[0];
    const trailing = TRAILING.exec(url)?.[0] ?? '';
    if (trailing) url = url.slice(0, url.length - trailing.length);
    if (!isSafeHttpUrl(url)) continue;
    if (start > last) segments.push({ kind: 'texte', text: texte.slice(last, start) });
    segments.push({ kind: 'lien', text: url, href: url });
    last = start + url.length;
  }
  if (last < texte.length) segments.push({ kind: 'texte', text: texte.slice(last) });
  return segments;
}

/** An http(s) address with a host (the pattern already keeps quotes, angle brackets and spaces out). */
function isSafeHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s/?#@:]+(?::\d+)?(?:[/?#]|$)/i.test(value);
}

/** How a mention is written in the text: « @Prénom Nom ». */
export function mentionText(nom: string): string {
  return `@${nom}`;
}
