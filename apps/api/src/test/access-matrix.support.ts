import { lectureDuDossier, type DossierLecture, type Membership } from '@suivi-pvd/domain';
import type { Response } from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import type { DataSource } from 'typeorm';

/**
 * What the access matrix (core/access-matrix.int-spec.ts) needs of each route, shared so that an
 * area can declare its routes' cases in its own file (`<area>/<area>.access-cases.ts`) and the
 * matrix merges them. Records: A in Ahun (23001), B in Ajain (23002, same département), C in
 * Altkirch (68004, Grand Est).
 */
export type RecordKey = 'a' | 'b' | 'c';

export const TERRITORY = {
  a: { communes: ['23001'], epciSirens: [], departementCodes: ['23'], regionCodes: ['75'] },
  b: { communes: ['23002'], epciSirens: [], departementCodes: ['23'], regionCodes: ['75'] },
  c: { communes: ['68004'], epciSirens: [], departementCodes: ['68'], regionCodes: ['44'] },
};
export const INSEE = { a: '23001', b: '23002', c: '68004' } as const;

/**
 * The matrix's partner funds something in records a and b (the Banque des Territoires' missions and
 * financing lines), nothing in c (the Cerema's mission, the DSIL's line): it reads the summary of
 * the dossiers of a and b, nothing of c.
 */
export const FUNDED_BY_PARTNER: Record<RecordKey, boolean> = { a: true, b: true, c: false };

/** What a role reads of a record's dossier (`lectureDuDossier`, with the partner's funding above). */
export function dossierLectureOf(m: Membership, record: RecordKey): DossierLecture | null {
  return lectureDuDossier([m], TERRITORY[record], m.organisationType === 'partenaire' && FUNDED_BY_PARTNER[record]);
}

/**
 * The expected answer of a dossier route read in summary: `ok` for its readers and for a partner
 * funding something there (and `resume`: the answer for the summary's readers where it differs, as
 * a document's 403); a partner funding nothing there is refused (403), anyone else gets 404.
 */
export const dossierAnswer =
  (ok: number, resume = ok) =>
  (m: Membership, record: RecordKey): number => {
    const lecture = dossierLectureOf(m, record);
    if (!lecture) return m.organisationType === 'partenaire' ? 403 : 404;
    return lecture === 'resume' ? resume : ok;
  };

/** What every area's setup receives: the three PVDs, the matrix's partner organisation and its funder. */
export interface MatrixContext {
  dataSource: DataSource;
  pvd: Record<RecordKey, string>;
  /** The organisation of the matrix's partner user; the Banque des Territoires is linked to it. */
  partnerOrganisationId: string;
  /** Puts a file in the documents' storage; returns its key (for a stored document's version). */
  storeDocument(content: Buffer): Promise<string>;
}

export interface RouteCase<R = unknown> {
  /** Sends the request; `record` names the record the request is about, for scoped routes. */
  send(agent: TestAgent, records: R, record: RecordKey): Promise<Response>;
  /** Status when allowed. */
  ok: number;
  /** Record-level: outside the caller's scope the answer is 404. */
  scoped?: boolean;
  /** For list routes: the ids that must (and must not) be listed, compared with `listedIds`. */
  listed?: (body: unknown) => string[];
  /** The ids `listed` is compared with (by default, the PVDs). */
  listedIds?: (records: R) => Record<RecordKey, string>;
  /** For public routes: the answer without a session (checked by the matrix for record a). */
  anonymous?: number;
  /** The route ends the caller's session: sign in again after it. */
  endsSession?: boolean;
  /** Where the answer depends on more than the role's permission and scope: the expected status once the guard lets the role in. */
  expected?: (membership: Membership, record: RecordKey) => number;
  /** For list routes whose listing depends on more than the scope. */
  listedFor?: (membership: Membership, record: RecordKey) => boolean;
}

/** An area's cases: its records are created once by `setup`, then given to each case. */
export interface AreaCases<R> {
  setup(ctx: MatrixContext): Promise<R>;
  cases: Record<string, RouteCase<R>>;
}

let sequence = 0;
/** A number not used before in this test file (unique names, days, amounts). */
export const nextNumber = () => ++sequence;

/** An area's cases, typed with its own records, stored beside the others. */
export function defineArea<R>(area: AreaCases<R>): AreaCases<unknown> {
  return area as unknown as AreaCases<unknown>;
}
