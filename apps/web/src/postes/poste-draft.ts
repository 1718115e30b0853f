import {
  COFINANCEUR_LABELS,
  COFINANCEURS,
  subventionInputErrors,
  type Cofinanceur,
  type HabitatOperationType,
  type ParametresHistorique,
  type SubventionInput,
} from '@suivi-pvd/domain';
import type { Employeur, Poste, PosteInput } from './data/postes.hooks';
import { eurosInput, parseEuros } from './poste-format';

/**
 * The post form as typed (strings), its conversion to the API's body and to the domain's input,
 * and the checks made before sending. Field errors are keyed by the API's paths
 * (`titulaires.0.fin`, `coutsAnnuels.1.cout`, `cofinanceurs.0.part`, `operationHabitat.fin`).
 */
export type FieldErrors = Record<string, string[]>;

let nextKey = 0;
/** A stable React key for a row the user adds or removes. */
export function rowKey(): string {
  nextKey += 1;
  return `ligne-${nextKey}`;
}

export interface TitulaireDraft {
  key: string;
  nom: string;
  email: string;
  telephone: string;
  debut: string;
  fin: string;
  quotite: string;
}

export interface CoutDraft {
  key: string;
  annee: string;
  cout: string;
}

export interface CofinanceurDraft {
  actif: boolean;
  debut: string;
  fin: string;
  part: string;
}

export interface OperationDraft {
  /** The linked habitat operation record ('' when typed by hand). */
  id: string;
  type: HabitatOperationType | '';
  libelle: string;
  debut: string;
  fin: string;
}

export interface PosteDraft {
  intitule: string;
  /** `commune:23001` or `epci:200034825`; '' until chosen. */
  employeur: string;
  titulaires: TitulaireDraft[];
  couts: CoutDraft[];
  cofinanceurs: Record<Cofinanceur, CofinanceurDraft>;
  operation: OperationDraft;
}

export const DEFAULT_INTITULE = 'Chef de projet Petites villes de demain';

export const employeurValue = (e: Pick<Employeur, 'type' | 'code'>) => `${e.type}:${e.code}`;

const noCofinanceur = (): CofinanceurDraft => ({ actif: false, debut: '', fin: '', part: '' });

export function emptyTitulaire(): TitulaireDraft {
  return { key: rowKey(), nom: '', email: '', telephone: '', debut: '', fin: '', quotite: '100' };
}

export function emptyCout(annee: string): CoutDraft {
  return { key: rowKey(), annee, cout: '' };
}

/** A new post: the usual title, the employer when there is only one choice, nothing else. */
export function emptyDraft(employeurs: readonly Employeur[]): PosteDraft {
  return {
    intitule: DEFAULT_INTITULE,
    employeur: employeurs.length === 1 ? employeurValue(employeurs[0]) : '',
    titulaires: [],
    couts: [],
    cofinanceurs: { etat: noCofinanceur(), bdt: noCofinanceur(), anah: noCofinanceur() },
    operation: { id: '', type: '', libelle: '', debut: '', fin: '' },
  };
}

/** The stored post as a draft; costs in euros as typed (« 60 000 »). */
export function draftOf(poste: Poste): PosteDraft {
  const cofinanceurs = { etat: noCofinanceur(), bdt: noCofinanceur(), anah: noCofinanceur() };
  for (const c of poste.cofinanceurs) {
    cofinanceurs[c.financeur] = { actif: true, debut: c.debut ?? '', fin: c.fin ?? '', part: c.part === null ? '' : String(c.part) };
  }
  return {
    intitule: poste.intitule,
    employeur: employeurValue({ type: poste.employeurType, code: poste.employeurCode }),
    titulaires: poste.titulaires.map((t) => ({
      key: rowKey(),
      nom: t.nom,
      email: t.email ?? '',
      telephone: t.telephone ?? '',
      debut: t.debut,
      fin: t.fin ?? '',
      quotite: String(t.quotite),
    })),
    couts: poste.coutsAnnuels.map((c) => ({ key: rowKey(), annee: String(c.annee), cout: eurosInput(c.cout) })),
    cofinanceurs,
    operation: poste.operationHabitat
      ? {
          id: poste.operationHabitat.id ?? '',
          type: poste.operationHabitat.type,
          libelle: poste.operationHabitat.libelle ?? '',
          debut: poste.operationHabitat.debut ?? '',
          fin: poste.operationHabitat.fin ?? '',
        }
      : { id: '', type: '', libelle: '', debut: '', fin: '' },
  };
}

/** The draft without its row keys, to tell whether the user changed anything. */
export function comparable(draft: PosteDraft): string {
  return JSON.stringify({
    ...draft,
    titulaires: draft.titulaires.map(({ key: _key, ...t }) => t),
    couts: draft.couts.map(({ key: _key, ...c }) => c),
  });
}

const withoutKeys = (value: unknown) => JSON.stringify(value, (k, v: unknown) => (k === 'key' ? undefined : v));

/**
 * The user's draft moved onto a newer stored post (after a conflict): each part the user left as
 * it was takes the stored value; the parts the user changed stay as typed.
 */
export function rebaseDraft(draft: PosteDraft, before: PosteDraft, after: PosteDraft): PosteDraft {
  const next = { ...draft };
  for (const part of Object.keys(draft) as (keyof PosteDraft)[]) {
    if (withoutKeys(draft[part]) === withoutKeys(before[part])) Object.assign(next, { [part]: after[part] });
  }
  return next;
}

/** The co-financers ticked, in the order the API and the domain list them. */
export function activeCofinanceurs(draft: PosteDraft): Cofinanceur[] {
  return COFINANCEURS.filter((f) => draft.cofinanceurs[f].actif);
}

/** Whether the State and the Banque des Territoires both co-finance: each one's share is asked. */
export function partsAsked(draft: PosteDraft): boolean {
  return draft.cofinanceurs.etat.actif && draft.cofinanceurs.bdt.actif;
}

const integer = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** The draft as the domain's computation input; unreadable numbers become NaN (the domain reports them). */
export function subventionInputOf(draft: PosteDraft, parametres: ParametresHistorique): SubventionInput {
  return {
    titulaires: draft.titulaires.map((t) => ({ debut: t.debut, fin: t.fin || null, quotite: integer(t.quotite) })),
    coutsAnnuels: draft.couts.map((c) => ({ annee: integer(c.annee), cout: parseEuros(c.cout) ?? Number.NaN })),
    cofinanceurs: activeCofinanceurs(draft).map((f) => {
      const c = draft.cofinanceurs[f];
      const part = partsAsked(draft) && f !== 'anah' && c.part.trim() !== '' ? integer(c.part) : null;
      return { financeur: f, debut: c.debut || null, fin: c.fin || null, part };
    }),
    operationHabitat: draft.operation.type ? { type: draft.operation.type, debut: draft.operation.debut || null, fin: draft.operation.fin || null } : null,
    parametres,
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TELEPHONE = /^\+?[0-9 .()-]{6,30}$/;

/**
 * What keeps the co-financing from being computed: the domain's rules (the same as the API's) and
 * what cannot be read (an amount, a year, a working time).
 */
export function simulationErrors(draft: PosteDraft): FieldErrors {
  const errors: FieldErrors = subventionInputErrors(subventionInputOf(draft, {}));
  const set = (path: string, message: string) => {
    errors[path] = [message];
  };
  draft.titulaires.forEach((t, i) => {
    if (!t.quotite.trim()) set(`titulaires.${i}.quotite`, 'Indiquez la quotité de travail, en % (100 pour un temps plein).');
  });
  draft.couts.forEach((c, i) => {
    if (!c.annee.trim()) set(`coutsAnnuels.${i}.annee`, 'Indiquez l’année.');
    if (!c.cout.trim()) set(`coutsAnnuels.${i}.cout`, 'Indiquez le coût annuel chargé, en euros.');
    else if (parseEuros(c.cout) === null) set(`coutsAnnuels.${i}.cout`, 'Montant invalide : saisissez des euros, par exemple 60000 ou 60 000,50.');
  });
  return errors;
}

/** Every error of the draft: those of the computation and the fields the API requires. */
export function draftErrors(draft: PosteDraft, employeurs: readonly Employeur[]): FieldErrors {
  const errors: FieldErrors = simulationErrors(draft);
  const set = (path: string, message: string) => {
    errors[path] = [message];
  };
  if (draft.intitule.trim().length < 3) set('intitule', 'Indiquez l’intitulé du poste.');
  else if (draft.intitule.trim().length > 200) set('intitule', 'L’intitulé compte 200 caractères au plus.');
  if (!draft.employeur) set('employeurCode', 'Choisissez l’employeur du poste.');
  else if (!employeurs.some((e) => employeurValue(e) === draft.employeur)) set('employeurCode', 'Choisissez l’une des communes de la PVD ou son EPCI.');
  draft.titulaires.forEach((t, i) => {
    if (t.nom.trim().length < 2) set(`titulaires.${i}.nom`, 'Indiquez le nom du titulaire.');
    if (t.email.trim() && !EMAIL.test(t.email.trim())) set(`titulaires.${i}.email`, 'Adresse électronique invalide (par exemple : prenom.nom@mairie.fr).');
    if (t.telephone.trim() && !TELEPHONE.test(t.telephone.trim())) set(`titulaires.${i}.telephone`, 'Numéro de téléphone invalide (par exemple : 05 55 00 00 00).');
  });
  if (draft.operation.libelle.trim().length > 300) set('operationHabitat.libelle', 'Le libellé compte 300 caractères au plus.');
  return errors;
}

/** The body of POST /pvd/{id}/postes and PUT /postes/{id} (besides `version`); call on a draft without errors. */
export function inputOf(draft: PosteDraft): PosteInput {
  const [type, code] = draft.employeur.split(':');
  const sim = subventionInputOf(draft, {});
  return {
    intitule: draft.intitule.trim(),
    employeurType: type === 'epci' ? 'epci' : 'commune',
    employeurCode: code ?? '',
    titulaires: draft.titulaires.map((t, i) => ({
      nom: t.nom.trim(),
      email: t.email.trim() || null,
      telephone: t.telephone.trim() || null,
      debut: t.debut,
      fin: t.fin || null,
      quotite: sim.titulaires[i].quotite,
    })),
    coutsAnnuels: sim.coutsAnnuels.map((c) => ({ annee: c.annee, cout: c.cout })),
    cofinanceurs: sim.cofinanceurs.map((c) => ({ financeur: c.financeur, debut: c.debut, fin: c.fin, part: c.part ?? null })),
    operationHabitat: draft.operation.type
      ? { id: draft.operation.id || null, type: draft.operation.type, libelle: draft.operation.libelle.trim() || null, debut: draft.operation.debut || null, fin: draft.operation.fin || null }
      : null,
  };
}

const TITULAIRE_FIELDS: Record<string, string> = {
  nom: 'Nom',
  email: 'Courriel',
  telephone: 'Téléphone',
  debut: 'Date d’arrivée',
  fin: 'Date de départ',
  quotite: 'Quotité (%)',
};
const COUT_FIELDS: Record<string, string> = { annee: 'Année', cout: 'Coût annuel chargé (€)' };
const COFINANCEUR_FIELDS: Record<string, string> = { financeur: 'Cofinanceur', debut: 'Début de la participation', fin: 'Fin de la participation', part: 'Part (%)' };
const OPERATION_FIELDS: Record<string, string> = { id: 'Opération enregistrée', type: 'Type d’opération', libelle: 'Libellé', debut: 'Début', fin: 'Fin' };
const TOP_FIELDS: Record<string, string> = { intitule: 'Intitulé du poste', employeurCode: 'Employeur', employeurType: 'Employeur', coutsAnnuels: 'Coûts annuels' };

export interface FieldRef {
  /** The key the field is known by while the user edits (row keys, not indexes): its touched state and its element id. */
  key: string;
  /** « Titulaire 2 – Date de départ », for the error summary. */
  label: string;
}

/** Where an API field path points in the form. */
export function fieldRef(path: string, draft: PosteDraft): FieldRef {
  const [head, second, third] = path.split('.');
  const index = Number(second);
  if (head === 'titulaires' && third) {
    const row = draft.titulaires[index];
    return { key: `titulaires.${row?.key ?? second}.${third}`, label: `Titulaire ${index + 1} – ${TITULAIRE_FIELDS[third] ?? third}` };
  }
  if (head === 'coutsAnnuels' && third) {
    const row = draft.couts[index];
    return { key: `couts.${row?.key ?? second}.${third}`, label: `Coût annuel, ligne ${index + 1} – ${COUT_FIELDS[third] ?? third}` };
  }
  if (head === 'cofinanceurs' && third) {
    const financeur = activeCofinanceurs(draft)[index];
    const field = third === 'financeur' ? 'actif' : third;
    return {
      key: `cofinanceurs.${financeur ?? second}.${field}`,
      label: `${financeur ? COFINANCEUR_LABELS[financeur] : 'Cofinanceur'} – ${COFINANCEUR_FIELDS[third] ?? third}`,
    };
  }
  if (head === 'operationHabitat' && second) return { key: `operation.${second}`, label: `Opération d’habitat – ${OPERATION_FIELDS[second] ?? second}` };
  if (head === 'employeurType') return { key: 'employeurCode', label: 'Employeur' };
  return { key: path, label: TOP_FIELDS[path] ?? path };
}

/** The id of the form element behind a field key. */
export function fieldId(key: string): string {
  return `poste-${key.replace(/[^a-zA-Z0-9-]/g, '-')}`;
}
