import { delaiConventionCadreSql } from '../programme/programme-parametres';

/**
 * The deadline and lateness rules of libs/domain/src/conventions/convention-deadline.rules.ts
 * (`conventionCadreDeadline`, `isACompleterLate`) in SQL, written once for every place that
 * computes them in the database: the préfecture's work list, the dossiers list, a dossier's
 * deadline. Days are calendar days: `today` is an SQL `date` (the French day, given as a
 * parameter), a state's start is read in French time.
 */

/**
 * The convention d'adhésion day of PVD `pvd` (an alias with `id` and `date_convention_adhesion`):
 * the signature recorded here, otherwise the national list's date. Null: no deadline yet.
 */
export function adhesionDaySql(pvd: string): string {
  return `COALESCE((SELECT ad.date_signature FROM convention ad WHERE ad.pvd_id = ${pvd}.id AND ad.type = 'adhesion' AND ad.etat = 'signee'),
                   ${pvd}.date_convention_adhesion)`;
}

/**
 * The convention-cadre's due day (`conventionCadreDueDate`): the delay in force on the adhésion
 * day, in months, clamped to the end of a shorter month (PostgreSQL's month arithmetic does so).
 */
export function cadreDueDaySql(adhesionDay: string): string {
  return `(${adhesionDay} + make_interval(months => ${delaiConventionCadreSql(adhesionDay)}))::date`;
}

/** The convention-cadre is late on `today`: past its due day (the due day itself is on time), not signed (`cadre`: its row, or NULLs when it does not exist). */
export function cadreEnRetardSql(dueDay: string, cadre: string, today: string): string {
  return `(${dueDay} < ${today} AND (${cadre}.id IS NULL OR ${cadre}.etat <> 'signee'))`;
}

/** The French day convention `k` entered its current state. */
export function etatDepuisJourSql(k: string): string {
  return `(${k}.etat_depuis AT TIME ZONE 'Europe/Paris')::date`;
}

/** Convention `k` was sent back « à compléter » more than `afterDays` days before `today`, without an answer since. */
export function aCompleterSansReponseSql(k: string, today: string, afterDays: string): string {
  return `(${k}.etat = 'a_completer' AND ${etatDepuisJourSql(k)} < ${today} - ${afterDays})`;
}
