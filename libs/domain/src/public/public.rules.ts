import { INDICATEUR_IDS, type IndicateurId } from '../indicateurs/catalogue';
import { ortEnVigueurAu } from '../comptage/comptage.rules';

/**
 * What the public pages and the open data show of a PVD, without login: statuses and signature
 * days only. Nothing of an unsigned convention (its deposit, its instruction, its comments), no
 * document, message, person or amount: an amount is public only through an indicator the ANCT
 * marked public (`indicateur_public`).
 */

/** The public status of the convention-cadre: signed, being prepared (whatever its workflow state), or none yet. */
export const STATUTS_PUBLICS_CONVENTION = ['signee', 'en_preparation', 'non_engagee'] as const;
export type StatutPublicConvention = (typeof STATUTS_PUBLICS_CONVENTION)[number];
export const STATUT_PUBLIC_CONVENTION_LABELS: Record<StatutPublicConvention, string> = {
  signee: 'Signée',
  en_preparation: 'En préparation',
  non_engagee: 'Pas encore engagée',
};

export interface ConventionPublique {
  statut: StatutPublicConvention;
  /** The signature day, only once signed. */
  dateSignature: string | null;
}

/**
 * The public face of a convention-cadre on day `jour`: signed (with its day) when it was signed on
 * or before that day; any other state (draft, deposited, under instruction, to complete,
 * validated) is only « en préparation », with no date.
 */
export function conventionPublique(convention: { etat: string; dateSignature: string | null } | null, jour: string): ConventionPublique {
  if (!convention) return { statut: 'non_engagee', dateSignature: null };
  if (convention.etat === 'signee' && convention.dateSignature !== null && convention.dateSignature <= jour) return { statut: 'signee', dateSignature: convention.dateSignature };
  return { statut: 'en_preparation', dateSignature: null };
}

export interface OrtPublique {
  enVigueur: boolean;
  /** The signature day of the ORT in force (the earliest when several cover the PVD's communes). */
  dateSignature: string | null;
}

/** Whether an ORT covering the PVD is in force on `jour`, and since when; an ORT in preparation shows nothing. */
export function ortPublique(orts: readonly { statut: string; dateSignature: string | null; dureeAnnees: number | null }[], jour: string): OrtPublique {
  const enVigueur = orts.filter((o) => ortEnVigueurAu(o, jour)).map((o) => o.dateSignature as string).sort();
  return enVigueur.length > 0 ? { enVigueur: true, dateSignature: enVigueur[0] } : { enVigueur: false, dateSignature: null };
}

/** At most this many public indicators (the catalogue's size). */
export const INDICATEURS_PUBLICS_MAX = INDICATEUR_IDS.length;

/** Errors of a list of public indicators sent by the ANCT: unknown ids or duplicates, by field path. */
export function indicateursPublicsErreurs(ids: readonly string[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (!(INDICATEUR_IDS as readonly string[]).includes(id)) errors[`indicateurs.${i}`] = [`Indicateur inconnu : ${id}.`];
    else if (seen.has(id)) errors[`indicateurs.${i}`] = [`L’indicateur ${id} est en double.`];
    seen.add(id);
  });
  return errors;
}

/** The public indicators in the catalogue's order. */
export function ordreCatalogue(ids: readonly string[]): IndicateurId[] {
  return INDICATEUR_IDS.filter((id) => ids.includes(id));
}

/** An `id_pvd` as it may appear in a public address (`/programme/pvd/:idPvd`); anything else is 404 without a query. */
export const ID_PVD_PUBLIC = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;

// ─── Open data (data.gouv.fr conventions) ────────────────────────────────────

export type TypeColonne = 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'array';

export interface ColonneDonnees {
  name: string;
  title: string;
  description: string;
  type: TypeColonne;
  example: string;
  /** `true` when the column may be empty. */
  optionnel?: true;
  pattern?: string;
  enum?: readonly string[];
}

/**
 * The columns of the open data list of PVD, in their stable order. Names are snake_case and never
 * renamed: a new column is added at the end; a removed one goes through a new schema version.
 */
export const DONNEES_PVD_COLONNES: readonly ColonneDonnees[] = [
  { name: 'id_pvd', title: 'Identifiant PVD', description: 'Identifiant de la Petite ville de demain dans la liste nationale de l’ANCT.', type: 'string', example: 'demo-23-1' },
  { name: 'nom', title: 'Nom', description: 'Nom de la Petite ville de demain : ses communes, la plus peuplée d’abord, séparées par « , ».', type: 'string', example: 'Ahun' },
  {
    name: 'communes_insee',
    title: 'Communes (codes INSEE)',
    description: 'Codes officiels géographiques (INSEE) des communes de la PVD à la date d’extraction, séparés par « , ».',
    type: 'string',
    example: '23001',
    pattern: '^[0-9AB]{5}(,[0-9AB]{5})*$',
  },
  { name: 'epci_siren', title: 'EPCI (SIREN)', description: 'SIREN de l’EPCI à fiscalité propre de la PVD.', type: 'string', example: '200034825', optionnel: true, pattern: '^[0-9]{9}$' },
  { name: 'epci_nom', title: 'EPCI', description: 'Nom de l’EPCI.', type: 'string', example: 'CC Creuse Sud Ouest', optionnel: true },
  { name: 'departement_code', title: 'Département (code)', description: 'Code INSEE du département de la commune la plus peuplée.', type: 'string', example: '23', pattern: '^([0-9]{2}|2A|2B|97[0-9])$' },
  { name: 'region_code', title: 'Région (code)', description: 'Code INSEE de la région de la commune la plus peuplée.', type: 'string', example: '75', pattern: '^[0-9]{2}$' },
  { name: 'date_entree', title: 'Date d’entrée', description: 'Date de sélection de la PVD dans le programme (AAAA-MM-JJ).', type: 'date', example: '2020-12-10', optionnel: true },
  {
    name: 'date_signature_convention_adhesion',
    title: 'Signature de la convention d’adhésion',
    description: 'Date de signature de la convention d’adhésion (AAAA-MM-JJ), vide si elle n’est pas signée.',
    type: 'date',
    example: '2021-03-01',
    optionnel: true,
  },
  {
    name: 'statut_convention_cadre',
    title: 'Statut de la convention-cadre',
    description: 'signee : signée ; en_preparation : en préparation (tout état avant la signature) ; non_engagee : pas encore engagée.',
    type: 'string',
    example: 'signee',
    enum: STATUTS_PUBLICS_CONVENTION,
  },
  {
    name: 'date_signature_convention_cadre',
    title: 'Signature de la convention-cadre',
    description: 'Date de signature de la convention-cadre (AAAA-MM-JJ), vide tant qu’elle n’est pas signée.',
    type: 'date',
    example: '2022-06-30',
    optionnel: true,
  },
  {
    name: 'ort_en_vigueur',
    title: 'ORT en vigueur',
    description: 'true si une opération de revitalisation de territoire (ORT) signée et non échue couvre une commune de la PVD à la date d’extraction.',
    type: 'boolean',
    example: 'true',
  },
  { name: 'date_signature_ort', title: 'Signature de l’ORT', description: 'Date de signature de l’ORT en vigueur (AAAA-MM-JJ), vide sans ORT en vigueur.', type: 'date', example: '2022-09-15', optionnel: true },
  { name: 'date_extraction', title: 'Date d’extraction', description: 'Jour (heure de Paris) auquel ces données ont été extraites (AAAA-MM-JJ).', type: 'date', example: '2026-12-04' },
];

export type LigneDonneesPvd = Record<(typeof DONNEES_PVD_COLONNES)[number]['name'], string | boolean | null>;

export const DONNEES_PVD_SCHEMA_VERSION = '1.0.0';

/** The TableSchema (frictionless, as data.gouv.fr's schema catalogue reads it) of the list of PVD; `baseUrl` is the platform's address. */
export function schemaDonneesPvd(baseUrl: string) {
  return {
    $schema: 'https://frictionlessdata.io/schemas/table-schema.json',
    name: 'petites-villes-de-demain',
    title: 'Liste des Petites villes de demain et de leurs statuts',
    description:
      'Une ligne par Petite ville de demain membre du programme à la date d’extraction : ses communes, son EPCI, son département et sa région, ses dates d’entrée et de signature des conventions, et si une ORT est en vigueur. Seuls des statuts et des dates de signature publics y figurent.',
    version: DONNEES_PVD_SCHEMA_VERSION,
    path: `${baseUrl}/api/public/donnees/pvd.csv`,
    homepage: `${baseUrl}/donnees`,
    licenses: [{ name: 'etalab-2.0', title: 'Licence Ouverte / Open Licence version 2.0', path: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence' }],
    contributors: [{ title: 'Agence nationale de la cohésion des territoires (ANCT)', role: 'author' }],
    missingValues: [''],
    primaryKey: 'id_pvd',
    fields: DONNEES_PVD_COLONNES.map((c) => ({
      name: c.name,
      title: c.title,
      description: c.description,
      type: c.type,
      ...(c.type === 'date' ? { format: '%Y-%m-%d' } : {}),
      example: c.example,
      constraints: {
        required: !c.optionnel,
        ...(c.name === 'id_pvd' ? { unique: true } : {}),
        ...(c.pattern ? { pattern: c.pattern } : {}),
        ...(c.enum ? { enum: [...c.enum] } : {}),
      },
    })),
  };
}

/** The dated file name of an extraction: `petites-villes-de-demain-2026-12-04.csv`. */
export function nomFichierDonnees(jour: string, extension: 'csv' | 'json'): string {
  return `petites-villes-de-demain-${jour}.${extension}`;
}

/** One CSV cell per RFC 4180 (comma separator, quotes doubled): the data as it is, for machines. */
export function celluleCsvOuverte(value: string | boolean | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line of the open data CSV (comma, CRLF). */
export function ligneCsvOuverte(cells: readonly (string | boolean | number | null | undefined)[]): string {
  return `${cells.map(celluleCsvOuverte).join(',')}\r\n`;
}
