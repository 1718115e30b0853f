import { INDICATEUR_SECTIONS, isIndicateurId, VENTILATIONS, type IndicateurId, type IndicateurSection, type PorteeType, type Ventilation } from '@suivi-pvd/domain';

/**
 * The dashboards' state, read from (and written to) the URL so that a view can be bookmarked and
 * shared: the section, the scope (`portee` + `code`; none = the widest the user reads), the day
 * (« Données au … », none = today) and the comparison day. The drill-down list adds its filters
 * (a breakdown key) and its page.
 */
export interface VueTableau {
  section: IndicateurSection;
  portee: PorteeType | null;
  code: string;
  date: string;
  comparaison: string;
}

export interface VueDetail {
  id: IndicateurId;
  portee: PorteeType | null;
  code: string;
  date: string;
  comparaison: string;
  ventilation: Ventilation | null;
  cle: string;
  page: number;
}

const PORTEES = ['nation', 'region', 'departement', 'epci', 'pvd'] as const;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const CODE = /^[0-9A-Za-z-]{1,36}$/;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null => values.find((v) => v === value) ?? null;
const day = (value: string | null) => (value && ISO_DAY.test(value) ? value : '');

function readPortee(params: URLSearchParams): { portee: PorteeType | null; code: string } {
  const portee = oneOf(PORTEES, params.get('portee'));
  const code = (params.get('code') ?? '').trim();
  if (!portee) return { portee: null, code: '' };
  if (portee === 'nation') return { portee, code: '' };
  return CODE.test(code) ? { portee, code: portee === 'departement' ? code.toUpperCase() : code } : { portee: null, code: '' };
}

export function readVueTableau(params: URLSearchParams): VueTableau {
  return {
    section: oneOf(INDICATEUR_SECTIONS, params.get('section')) ?? 'programme',
    ...readPortee(params),
    date: day(params.get('date')),
    comparaison: day(params.get('comparaison')),
  };
}

export function readVueDetail(id: string | undefined, params: URLSearchParams): VueDetail | null {
  if (!isIndicateurId(id)) return null;
  const page = Number.parseInt(params.get('page') ?? '', 10);
  const ventilation = oneOf(VENTILATIONS, params.get('ventilation'));
  const cle = (params.get('cle') ?? '').trim().slice(0, 80);
  return {
    id,
    ...readPortee(params),
    date: day(params.get('date')),
    comparaison: day(params.get('comparaison')),
    ventilation: ventilation && cle ? ventilation : null,
    cle: ventilation && cle ? cle : '',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The scope and days as query parameters: only those set. */
function porteeParams(v: { portee: PorteeType | null; code: string; date: string; comparaison: string }): URLSearchParams {
  const params = new URLSearchParams();
  if (v.portee) params.set('portee', v.portee);
  if (v.portee && v.portee !== 'nation' && v.code) params.set('code', v.code);
  if (v.date) params.set('date', v.date);
  if (v.comparaison) params.set('comparaison', v.comparaison);
  return params;
}

const search = (params: URLSearchParams) => (params.size > 0 ? `?${params.toString()}` : '');

/** "?section=ingenierie&portee=departement&code=23&date=2024-01-01". */
export function vueTableauSearch(v: VueTableau): string {
  const params = porteeParams(v);
  if (v.section !== 'programme') params.set('section', v.section);
  return search(params);
}

/** The drill-down page of a figure, for the same scope and day (and a breakdown key). */
export function detailPath(v: Omit<VueDetail, 'page'> & { page?: number }): string {
  const params = porteeParams(v);
  if (v.ventilation && v.cle) {
    params.set('ventilation', v.ventilation);
    params.set('cle', v.cle);
  }
  if (v.page && v.page > 1) params.set('page', String(v.page));
  return `/tableau-de-bord/indicateurs/${v.id}${search(params)}`;
}

/** Back from a drill-down to its dashboard section. */
export function tableauPath(v: VueTableau): string {
  return `/tableau-de-bord${vueTableauSearch(v)}`;
}
