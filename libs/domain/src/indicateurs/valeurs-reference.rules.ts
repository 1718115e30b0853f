import { isCalendarDay } from '../calendar/calendar';

/**
 * Reference values: national totals outside the programme that some shares of the report need as
 * their denominator (France services « 40 % of all », MaPrimeRénov' share by département). The
 * ANCT enters or imports them, each dated; an indicator as of day D reads the latest value dated
 * on or before D for its area.
 */
export const VALEURS_REFERENCE = {
  france_services_total: { libelle: 'France services ouvertes (toutes communes)', unite: 'equipements', indicateur: 'T11' },
  maprimerenov_total: { libelle: 'MaPrimeRénov’ engagée (toutes communes), en €', unite: 'euros', indicateur: 'P6' },
} as const;
export type CleValeurReference = keyof typeof VALEURS_REFERENCE;
export const CLES_VALEURS_REFERENCE = Object.keys(VALEURS_REFERENCE) as CleValeurReference[];

export const ZONES_REFERENCE = ['nation', 'region', 'departement'] as const;
export type ZoneReference = (typeof ZONES_REFERENCE)[number];

/** Largest value accepted: 10^12 (a thousand billion euros, or as many equipments). */
export const VALEUR_REFERENCE_MAX = 1e12;

export interface ValeurReferenceSaisie {
  cle: string;
  zoneType: string;
  zoneCode: string;
  dateValeur: string;
  valeur: number;
  source: string;
}

/** Field → French messages for one reference value (empty when valid). Codes of areas are checked against the référentiel by the API. */
export function valeurReferenceErrors(v: ValeurReferenceSaisie): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (!(CLES_VALEURS_REFERENCE as string[]).includes(v.cle)) add('cle', `Valeur de référence inconnue : ${CLES_VALEURS_REFERENCE.join(', ')}.`);
  if (!(ZONES_REFERENCE as readonly string[]).includes(v.zoneType)) add('zoneType', 'Zone : nation, region ou departement.');
  else if (v.zoneType === 'nation' && v.zoneCode !== '') add('zoneCode', 'Pas de code pour la France entière.');
  else if (v.zoneType !== 'nation' && !/^(\d{2,3}|2[AB])$/.test(v.zoneCode)) add('zoneCode', 'Code de région ou de département attendu (« 75 », « 2A », « 971 »).');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.dateValeur);
  if (!m || !isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))) add('dateValeur', 'Date invalide (format AAAA-MM-JJ attendu).');
  if (!Number.isFinite(v.valeur) || v.valeur < 0 || v.valeur > VALEUR_REFERENCE_MAX) add('valeur', 'Un nombre positif, au plus 1 000 milliards.');
  if (v.source.trim() === '') add('source', 'Indiquez la source (organisme et date, par exemple « Anah 12/2023 »).');
  return errors;
}
