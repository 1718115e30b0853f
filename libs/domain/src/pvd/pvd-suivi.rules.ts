import { CONVENTION_STATE_LABELS, CONVENTION_STATES, type ConventionState } from '../conventions/convention-workflow.rules';
import { WORK_LIST_MOTIF_LABELS, type WorkListMotif } from '../conventions/convention.rules';
import { ORT_STATUT_LABELS, ORT_STATUTS, type OrtStatut } from '../territoire/ort.rules';

/**
 * Where each Petite ville de demain stands, as the dossiers list shows it to the préfecture, the
 * SGAR and the ANCT: its two conventions, their lateness (the work list's rules), its ORT, its
 * chef de projet posts.
 */

/** A convention of the list: its workflow state, or « aucune » when none is recorded. */
export const PVD_CONVENTION_STATUTS = [...CONVENTION_STATES, 'aucune'] as const;
export type PvdConventionStatut = (typeof PVD_CONVENTION_STATUTS)[number];

export const PVD_CONVENTION_STATUT_LABELS: Record<PvdConventionStatut, string> = {
  ...CONVENTION_STATE_LABELS,
  aucune: 'Aucune',
};

/**
 * The state of a PVD's convention d'adhésion: signed when it has an adhésion day (the signature
 * recorded here, else the national list's date: the day the convention-cadre deadline counts
 * from), otherwise the state of the one being prepared, otherwise none.
 */
export function adhesionStatut(recorded: ConventionState | null, adhesionDay: string | null): PvdConventionStatut {
  if (adhesionDay !== null) return 'signee';
  return recorded ?? 'aucune';
}

/** The work list's motifs that say a PVD is late. */
export const PVD_RETARD_MOTIFS = ['cadre_en_retard', 'a_completer_sans_reponse'] as const satisfies readonly WorkListMotif[];
export type PvdRetardMotif = (typeof PVD_RETARD_MOTIFS)[number];

export const PVD_RETARD_MOTIF_LABELS: Record<PvdRetardMotif, string> = {
  cadre_en_retard: WORK_LIST_MOTIF_LABELS.cadre_en_retard,
  a_completer_sans_reponse: WORK_LIST_MOTIF_LABELS.a_completer_sans_reponse,
};

/** The ORT of a PVD: the furthest one covering one of its communes, or « aucune ». */
export const PVD_ORT_STATUTS = [...ORT_STATUTS, 'aucune'] as const;
export type PvdOrtStatut = (typeof PVD_ORT_STATUTS)[number];

export const PVD_ORT_STATUT_LABELS: Record<PvdOrtStatut, string> = {
  ...ORT_STATUT_LABELS,
  aucune: 'Aucune',
};

/** Which ORT stands for the PVD when several cover its communes: signed first, then in preparation, lapsed, abandoned. */
export const ORT_STATUT_PRIORITE: readonly OrtStatut[] = ['signee', 'en_preparation', 'echue', 'abandonnee'];

export function pvdOrtStatut(statuts: readonly OrtStatut[]): PvdOrtStatut {
  return ORT_STATUT_PRIORITE.find((s) => statuts.includes(s)) ?? 'aucune';
}

/**
 * The posts filter of the list. A PVD with several posts may match more than one choice (one
 * vacant, one co-financed). Held and co-financed are the rules `posteTenuAu` and `posteCofinanceAu`.
 */
export const PVD_POSTE_FILTRES = ['aucun', 'vacant', 'cofinance', 'sans_cofinancement'] as const;
export type PvdPosteFiltre = (typeof PVD_POSTE_FILTRES)[number];

export const PVD_POSTE_FILTRE_LABELS: Record<PvdPosteFiltre, string> = {
  aucun: 'Aucun poste',
  vacant: 'Au moins un poste vacant',
  cofinance: 'Au moins un poste pourvu et cofinancé',
  sans_cofinancement: 'Postes sans cofinancement en cours',
};

/** The posts of a PVD today: how many, how many vacant, how many held and co-financed. */
export interface PvdPostesCompte {
  total: number;
  vacants: number;
  cofinances: number;
}

export function pvdPosteFiltreCouvre(filtre: PvdPosteFiltre, postes: PvdPostesCompte): boolean {
  switch (filtre) {
    case 'aucun':
      return postes.total === 0;
    case 'vacant':
      return postes.vacants > 0;
    case 'cofinance':
      return postes.cofinances > 0;
    case 'sans_cofinancement':
      return postes.total > 0 && postes.cofinances === 0;
  }
}

/** « 2 postes, 1 vacant, 1 cofinancé », « Aucun poste ». */
export function pvdPostesLabel(postes: PvdPostesCompte): string {
  if (postes.total === 0) return 'Aucun poste';
  const parts = [`${postes.total} poste${postes.total > 1 ? 's' : ''}`];
  if (postes.vacants > 0) parts.push(`${postes.vacants} vacant${postes.vacants > 1 ? 's' : ''}`);
  if (postes.cofinances > 0) parts.push(`${postes.cofinances} cofinancé${postes.cofinances > 1 ? 's' : ''}`);
  return parts.join(', ');
}
