import { addDaysIso } from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { todayInFrance } from '../core/time/today';
import { loadParametres } from '../programme/programme-parametres.service';
import { alertesOf, loadPostes } from './postes.service';

/**
 * The stored alerts of the posts (`poste_alerte`, migration 1764100000040): the domain's rule
 * (`posteAlertes`, libs/domain) run in Node for each post and day, its result written so that the
 * lists of alerts are filtered, counted and paged by PostgreSQL. The rule stays written once.
 *
 * What keeps them current:
 * - a day's alerts depend on the day: they are kept for the days in `poste_alerte_calcul` (today,
 *   and tomorrow once the daily job has run, so that they are ready at midnight, French time);
 *   a day missing is computed for every post by the first reader (or the job);
 * - a post's own writes (`PostesService`) compute its alerts again in the same transaction
 *   (`refreshPosteAlertes`);
 * - any other write to what the rule reads (holders, co-financers, requests, the post's habitat
 *   operation, an import, a script) marks the post in `poste_alerte_perime` by trigger, and the next
 *   reader computes those posts again before reading; a change of the programme parameters drops
 *   the computed days.
 *
 * A reader never sees alerts older than the last committed write. Computing for every post takes
 * the advisory lock below exclusively; a post's write takes it shared, so neither computes from
 * data the other is about to change.
 */
const LOCK_KEY = 'poste-alertes';

/** The job that keeps today's and tomorrow's alerts ready (and drops past days). */
export const POSTE_ALERTES_JOB = 'ingenierie.alertes-postes';

/** Computes the alerts of the posts matching `where` (over `po`, `p`) for each day, and stores them. */
async function computeAndStore(em: EntityManager, where: string, params: unknown[], days: readonly string[]): Promise<number> {
  if (days.length === 0) return 0;
  const postes = await loadPostes(em, where, params);
  if (postes.length === 0) return 0;
  const parametres = await loadParametres(em);
  const columns = { jour: [] as string[], poste: [] as string[], rang: [] as number[], code: [] as string[], niveau: [] as string[], date: [] as string[], message: [] as string[] };
  for (const jour of days) {
    for (const p of postes) {
      alertesOf(p, parametres, jour).forEach((a, rang) => {
        columns.jour.push(jour);
        columns.poste.push(p.id);
        columns.rang.push(rang);
        columns.code.push(a.code);
        columns.niveau.push(a.niveau);
        columns.date.push(a.date);
        columns.message.push(a.message);
      });
    }
  }
  if (columns.jour.length > 0) {
    await em.query(
      `INSERT INTO poste_alerte (jour, poste_id, rang, code, niveau, date, message)
       SELECT * FROM unnest($1::date[], $2::uuid[], $3::smallint[], $4::varchar[], $5::varchar[], $6::date[], $7::text[])`,
      [columns.jour, columns.poste, columns.rang, columns.code, columns.niveau, columns.date, columns.message],
    );
  }
  return postes.length;
}

const keptDays = async (em: EntityManager, today: string): Promise<string[]> =>
  ((await em.query('SELECT jour::text AS jour FROM poste_alerte_calcul WHERE jour >= $1 ORDER BY jour', [today])) as { jour: string }[]).map((r) => r.jour);

/**
 * Taken by a post's own write at the start of its transaction, before any row lock: a reader
 * computing every post's alerts waits for the write to commit (and the write for it), never the
 * other way round half-way.
 */
export async function lockPosteAlertes(em: EntityManager): Promise<void> {
  await em.query('SELECT pg_advisory_xact_lock_shared(hashtext($1))', [LOCK_KEY]);
}

/**
 * Computes again, in the caller's transaction (after its writes, `lockPosteAlertes` taken at its
 * start), the stored alerts of these posts for every day kept. What a post's own writes call.
 */
export async function refreshPosteAlertes(em: EntityManager, posteIds: readonly string[], today = todayInFrance()): Promise<void> {
  if (posteIds.length === 0) return;
  await lockPosteAlertes(em);
  await em.query(
    `DELETE FROM poste_alerte_perime WHERE poste_id IN (SELECT poste_id FROM poste_alerte_perime WHERE poste_id = ANY($1::uuid[]) FOR UPDATE SKIP LOCKED)`,
    [posteIds],
  );
  await em.query('DELETE FROM poste_alerte WHERE poste_id = ANY($1::uuid[]) AND jour >= $2', [posteIds, today]);
  await computeAndStore(em, 'po.id = ANY($1::uuid[])', [posteIds], await keptDays(em, today));
}

/**
 * Brings the stored alerts up to date for `days` (today first): drops past days, computes again
 * the posts marked out of date for the days kept, and every post for a day missing. Under the
 * exclusive lock, in its own transaction.
 */
export async function updatePosteAlertes(ds: DataSource, days: readonly string[]): Promise<{ recalcules: number; jours: string[] }> {
  const today = days[0];
  return ds.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [LOCK_KEY]);
    await em.query('DELETE FROM poste_alerte WHERE jour < $1', [today]);
    await em.query('DELETE FROM poste_alerte_calcul WHERE jour < $1', [today]);
    const kept = await keptDays(em, today);
    // Cleared before the posts are read, so a write committed later leaves its mark. A mark still
    // locked is a write not yet committed: left for the next reader (never waited for, so that a
    // long import cannot hold readers, nor deadlock with them).
    const [stale] = (await em.query(
      'DELETE FROM poste_alerte_perime WHERE poste_id IN (SELECT poste_id FROM poste_alerte_perime FOR UPDATE SKIP LOCKED) RETURNING poste_id',
    )) as [{ poste_id: string }[], number];
    const ids = stale.map((r) => r.poste_id);
    let recalcules = 0;
    if (ids.length > 0 && kept.length > 0) {
      await em.query('DELETE FROM poste_alerte WHERE poste_id = ANY($1::uuid[]) AND jour >= $2', [ids, today]);
      recalcules += await computeAndStore(em, 'po.id = ANY($1::uuid[])', [ids], kept);
    }
    const missing = days.filter((d) => !kept.includes(d));
    if (missing.length > 0) {
      await em.query('DELETE FROM poste_alerte WHERE jour = ANY($1::date[])', [missing]);
      recalcules += await computeAndStore(em, 'true', [], missing);
      await em.query('INSERT INTO poste_alerte_calcul (jour) SELECT unnest($1::date[])', [missing]);
    }
    return { recalcules, jours: missing };
  });
}

/** Before reading today's alerts: computes what is missing or out of date (usually nothing: one cheap statement). */
export async function ensurePosteAlertes(ds: DataSource, today = todayInFrance()): Promise<void> {
  const [state]: { calcule: boolean; perime: boolean }[] = await ds.query(
    'SELECT EXISTS (SELECT 1 FROM poste_alerte_calcul WHERE jour = $1) AS calcule, EXISTS (SELECT 1 FROM poste_alerte_perime) AS perime',
    [today],
  );
  if (state.calcule && !state.perime) return;
  await updatePosteAlertes(ds, [today]);
}

/** The days the daily job keeps ready: today and tomorrow. */
export const joursTenus = (today: string): string[] => [today, addDaysIso(today, 1)];
