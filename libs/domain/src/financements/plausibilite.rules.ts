import { HABITAT_OPERATION_TYPE_LABELS, type HabitatObjectifAnnuel, type HabitatOperationType } from '../habitat/habitat-operation.rules';
import { parametreEnVigueur, type ParametresHistorique } from '../ingenierie/programme-parameters.rules';
import { formatEuros } from '../ingenierie/subsidy.rules';
import type { FinancementNature } from './financements.rules';

/**
 * Plausibility of amounts: what a figure of money may be, for its kind, before it is stored and
 * shown everywhere (in the dossier, the national lists, the indicators and the report).
 *
 * Each rule gives findings, each on a field, with a stable code and a level:
 * - `refus`: the value is impossible (a grant above the request, a decision before the request,
 *   an amount above the hard ceiling of its kind). It is never stored.
 * - `confirmation`: the value is unusual (a request above the computed co-financing, an amount
 *   above the soft ceiling of its kind). It is stored only with a stated reason, the
 *   `motifDepassement`, kept with the record and in its history.
 *
 * The API and the forms run the same functions: the form shows the finding live, the API refuses
 * the write (400, the finding's code and field) when a refusal remains or a reason is missing.
 *
 * The ceilings below are named constants, each with its reasoning. They are orders of magnitude
 * meant to catch typing errors and absurd values (an extra zero, cents typed as euros, a test
 * value), not programme rules: those (the co-financing caps of the chef de projet post) are read
 * from the programme parameters.
 */
export const PLAUSIBILITE_CODES = [
  'DEMANDE_AU_DELA_DU_CALCUL',
  'DEMANDE_AU_DELA_DU_PLAFOND',
  'ACCORD_AU_DELA_DE_LA_DEMANDE',
  'DECISION_AVANT_LA_DEMANDE',
  'MONTANT_INVRAISEMBLABLE',
  'MONTANT_A_JUSTIFIER',
] as const;
export type PlausibiliteCode = (typeof PLAUSIBILITE_CODES)[number];

export type PlausibiliteNiveau = 'refus' | 'confirmation';

export interface ConstatPlausibilite {
  /** The field of the request body the finding is about. */
  field: string;
  code: PlausibiliteCode;
  /** In French, for the user, beside the field. */
  message: string;
  level: PlausibiliteNiveau;
}

/** A reason is a sentence, not a token: at least this many characters once trimmed. */
export const MOTIF_DEPASSEMENT_MIN = 10;
export const MOTIF_DEPASSEMENT_MAX = 2000;

/** The range of an amount, in euros: above `confirmation` a reason is needed, above `refus` the amount is refused. */
export interface PlageMontant {
  confirmation: number;
  refus: number;
}

const euros = (value: number) => Math.round(value * 100);

// ---------------------------------------------------------------------------------------------
// The yearly co-financing request of the chef de projet post

/**
 * The highest amount a yearly request may ask for: the highest yearly cap of the programme in
 * force on a day of that year (the cap with the Anah, 55,000 €, or without it, 45,000 €, whichever
 * is higher, as the ANCT sets them), in cents. One request per year covers all co-financers, and
 * no co-financing of one post can exceed that cap (programme-rules.md): a request above it can
 * never be granted.
 */
export function plafondAnnuelDemande(parametres: ParametresHistorique, annee: number): number {
  const debut = `${annee}-01-01`;
  const fin = `${annee}-12-31`;
  let max = 0;
  for (const cle of ['plafond_poste', 'plafond_poste_avec_anah'] as const) {
    const jours = [debut, ...(parametres[cle] ?? []).map((v) => v.dateEffet).filter((d) => d > debut && d <= fin)];
    for (const jour of jours) {
      const valeur = Number(parametreEnVigueur<number>(parametres, cle, jour));
      if (Number.isFinite(valeur) && valeur > max) max = valeur;
    }
  }
  return euros(max);
}

export type DemandeCofinancementPlausibiliteInput = {
  annee: number;
  montantDemande: number;
  dateDemande: string;
  montantAccorde: number | null;
  dateDecision: string | null;
} & (
  | {
      /**
       * The request is written (the chef de projet: amount and date asked): its own range is
       * judged, and the findings about the decision point at the request's fields.
       */
      saisie: 'demande';
      /** The co-financing computed for the year, in cents; null when nothing is computed (no cost entered for the year). */
      calcule: number | null;
      /** `plafondAnnuelDemande` of the year, in cents. */
      plafond: number;
    }
  | {
      /** The decision is written (the préfecture: amount granted and date): the findings point at its fields. */
      saisie: 'instruction';
    }
);

/**
 * Plausibility of a yearly request and its decision:
 * - a request above the yearly cap is refused; above the computed co-financing, it needs a reason;
 * - a grant cannot exceed the request;
 * - a decision cannot precede the request.
 */
export function demandeCofinancementConstats(d: DemandeCofinancementPlausibiliteInput): ConstatPlausibilite[] {
  const constats: ConstatPlausibilite[] = [];
  const demande = d.saisie === 'demande';
  if (d.saisie === 'demande') {
    const calcule = d.calcule ?? 0;
    if (d.montantDemande > d.plafond) {
      constats.push({
        field: 'montantDemande',
        code: 'DEMANDE_AU_DELA_DU_PLAFOND',
        level: 'refus',
        message: `Le montant demandé (${formatEuros(d.montantDemande)}) dépasse le plafond annuel du programme pour un poste (${formatEuros(d.plafond)}) : il ne peut pas être accordé.`,
      });
    } else if (d.montantDemande > calcule) {
      constats.push({
        field: 'montantDemande',
        code: 'DEMANDE_AU_DELA_DU_CALCUL',
        level: 'confirmation',
        message:
          d.calcule === null
            ? `Aucun cofinancement n’est calculé pour ${d.annee} (coût annuel du poste non saisi) : indiquez le motif de la demande de ${formatEuros(d.montantDemande)}.`
            : `Le montant demandé (${formatEuros(d.montantDemande)}) dépasse le cofinancement calculé pour ${d.annee} (${formatEuros(calcule)}) : indiquez le motif du dépassement.`,
      });
    }
  }
  if (d.montantAccorde !== null && d.montantAccorde > d.montantDemande) {
    constats.push({
      field: demande ? 'montantDemande' : 'montantAccorde',
      code: 'ACCORD_AU_DELA_DE_LA_DEMANDE',
      level: 'refus',
      message: demande
        ? `Le montant demandé ne peut pas être inférieur au montant déjà accordé (${formatEuros(d.montantAccorde)}).`
        : `Le montant accordé (${formatEuros(d.montantAccorde)}) dépasse le montant demandé (${formatEuros(d.montantDemande)}) de ${formatEuros(d.montantAccorde - d.montantDemande)}.`,
    });
  }
  if (d.dateDecision && d.dateDemande && d.dateDecision < d.dateDemande) {
    constats.push({
      field: demande ? 'dateDemande' : 'dateDecision',
      code: 'DECISION_AVANT_LA_DEMANDE',
      level: 'refus',
      message: demande
        ? `La demande ne peut pas être postérieure à la décision déjà prise le ${frDay(d.dateDecision)}.`
        : `La décision ne peut pas précéder la demande, déposée le ${frDay(d.dateDemande)}.`,
    });
  }
  return constats;
}

// ---------------------------------------------------------------------------------------------
// Financing lines, per dispositif

/**
 * A grant for one project of a small town (DSIL, Fonds vert, Fonds friches, DRAC…): most are
 * tens or hundreds of thousands of euros; 5 M€ is beyond nearly every grant of the programme
 * (a reason is asked); 50 M€ is beyond the yearly DSIL envelope of most régions (refused).
 */
export const PLAGE_SUBVENTION: PlageMontant = { confirmation: 5_000_000, refus: 50_000_000 };

/**
 * A loan (Banque des Territoires) for one project of a small town: loans finance whole
 * operations (a market hall, housing), a few million euros at most; 20 M€ asks for a reason,
 * 200 M€, the order of a large city's yearly investment, is refused.
 */
export const PLAGE_PRET: PlageMontant = { confirmation: 20_000_000, refus: 200_000_000 };

/**
 * Dispositifs with a range of their own (by catalogue code); the others follow their nature.
 * - DETR: a départemental envelope of about 10 M€ a year on average (some 1 bn€ for about 100
 *   départements), usually granted in tranches of a few hundred thousand euros per project: 2 M€
 *   asks for a reason; 30 M€ exceeds the whole yearly envelope of nearly every département.
 * - Anah, aid for works in programmed operations and MaPrimeRénov': a line adds up the aid of a
 *   beneficiary's dossiers (tens of thousands of euros each); it follows the subsidies' range.
 */
export const PLAGES_DISPOSITIF: Readonly<Record<string, PlageMontant>> = {
  detr: { confirmation: 2_000_000, refus: 30_000_000 },
};

export function plageDispositif(dispositif: { code: string; nature: FinancementNature }): PlageMontant {
  return PLAGES_DISPOSITIF[dispositif.code] ?? (dispositif.nature === 'pret' ? PLAGE_PRET : PLAGE_SUBVENTION);
}

/** Plausibility of a financing line's amount for its dispositif. */
export function ligneFinancementConstats(l: { montant: number }, dispositif: { code: string; nom: string; nature: FinancementNature }): ConstatPlausibilite[] {
  const plage = plageDispositif(dispositif);
  return rangeConstats('montant', l.montant, plage, {
    refus: () => `Montant invraisemblable pour ${dispositif.nom} : au-delà de ${formatEuros(euros(plage.refus))} par ligne, il est refusé.`,
    confirmation: () => `Montant inhabituel pour ${dispositif.nom} (au-delà de ${formatEuros(euros(plage.confirmation))}) : indiquez le motif pour le confirmer.`,
  });
}

// ---------------------------------------------------------------------------------------------
// Habitat operations: commitments per inhabitant of the communes covered, per dwelling targeted

/**
 * Commitment (the Anah's or the collectivité's) per inhabitant of the communes an operation
 * covers, over its whole duration, above which a reason is needed, by kind of operation. A small
 * town's OPAH-RU (3 to 5 years) commits typically 1 to 3 M€ of Anah aid for 2,000 to 10,000
 * inhabitants, a few hundred euros per inhabitant; the thresholds are several times that:
 * - diffuse operations over a whole territory (OPAH, OPAH-RR, PIG): 1,000 € per inhabitant;
 * - operations focused on a centre or on condominiums (OPAH-RU, OPAH-CD): 2,000 €;
 * - heavy treatment of unfit or degraded housing (RHI-THIRORI, plan de sauvegarde, ORCOD),
 *   the most intensive by far: 5,000 €.
 */
export const ENGAGEMENT_PAR_HABITANT_CONFIRMATION: Readonly<Record<HabitatOperationType, number>> = {
  opah: 1_000,
  opah_rr: 1_000,
  pig: 1_000,
  opah_ru: 2_000,
  opah_cd: 2_000,
  rhi_thirori: 5_000,
  plan_sauvegarde: 5_000,
  orcod: 5_000,
};

/** The commitment is refused above ten times the confirmation threshold per inhabitant: no operation of its kind comes near it. */
export const ENGAGEMENT_FACTEUR_REFUS = 10;

/**
 * Floors of the ceilings, whatever the population (a commune's population may be missing, and
 * a very small commune may host a costly operation): a reason is never asked under 1 M€, and a
 * commitment is never refused under 10 M€.
 */
export const ENGAGEMENT_PLANCHER_CONFIRMATION = 1_000_000;
export const ENGAGEMENT_PLANCHER_REFUS = 10_000_000;

/**
 * The Anah's commitment per dwelling targeted (the sum of the yearly targets), above which a
 * reason is needed: 100,000 €. The Anah's highest aid per dwelling (MaPrimeRénov' Parcours
 * accompagné, up to 80–90 % of 70,000 € of works, about 60,000 €) plus the operation's
 * engineering stays under it.
 */
export const ENGAGEMENT_ANAH_PAR_LOGEMENT_CONFIRMATION = 100_000;

const HABITANTS = new Intl.NumberFormat('fr-FR');

/** The range of a commitment for an operation of this kind over communes of this population (null: unknown). */
export function plageEngagementHabitat(type: HabitatOperationType, population: number | null): PlageMontant {
  const parHabitant = ENGAGEMENT_PAR_HABITANT_CONFIRMATION[type];
  const habitants = population !== null && Number.isFinite(population) && population > 0 ? population : 0;
  return {
    confirmation: Math.max(ENGAGEMENT_PLANCHER_CONFIRMATION, parHabitant * habitants),
    refus: Math.max(ENGAGEMENT_PLANCHER_REFUS, parHabitant * ENGAGEMENT_FACTEUR_REFUS * habitants),
  };
}

/**
 * Plausibility of an operation's commitments: each against the range for its kind and the
 * population of the communes covered (the sum of their populations; null when none is known), the
 * Anah's also against the dwellings targeted when targets are entered.
 */
export function operationHabitatConstats(o: {
  type: HabitatOperationType;
  engagementAnah: number | null;
  engagementCollectivite: number | null;
  objectifs: readonly Pick<HabitatObjectifAnnuel, 'objectif'>[];
  population: number | null;
}): ConstatPlausibilite[] {
  const plage = plageEngagementHabitat(o.type, o.population);
  const kind = HABITAT_OPERATION_TYPE_LABELS[o.type].replace(/ \(.*\)$/, '');
  const habitants = o.population ? `${HABITANTS.format(o.population)} habitants` : 'une population inconnue';
  const constats: ConstatPlausibilite[] = [];
  for (const [field, label] of [
    ['engagementAnah', 'de l’Anah'],
    ['engagementCollectivite', 'de la collectivité'],
  ] as const) {
    const value = o[field];
    if (value === null) continue;
    constats.push(
      ...rangeConstats(field, value, plage, {
        refus: () => `Engagement ${label} invraisemblable pour une opération ${kind} couvrant ${habitants} : au-delà de ${formatEuros(euros(plage.refus))}, il est refusé.`,
        confirmation: () => `Engagement ${label} inhabituel pour une opération ${kind} couvrant ${habitants} (au-delà de ${formatEuros(euros(plage.confirmation))}) : indiquez le motif pour le confirmer.`,
      }),
    );
  }
  const logements = o.objectifs.reduce((sum, y) => sum + (y.objectif ?? 0), 0);
  if (o.engagementAnah !== null && logements > 0 && !constats.some((c) => c.field === 'engagementAnah')) {
    const parLogement = o.engagementAnah / logements;
    if (parLogement > euros(ENGAGEMENT_ANAH_PAR_LOGEMENT_CONFIRMATION)) {
      constats.push({
        field: 'engagementAnah',
        code: 'MONTANT_A_JUSTIFIER',
        level: 'confirmation',
        message: `Engagement de l’Anah inhabituel : ${formatEuros(Math.round(parLogement))} par logement visé (${logements} logements), au-delà de ${formatEuros(euros(ENGAGEMENT_ANAH_PAR_LOGEMENT_CONFIRMATION))} : indiquez le motif pour le confirmer.`,
      });
    }
  }
  return constats;
}

// ---------------------------------------------------------------------------------------------
// Verdict

export interface VerdictPlausibilite {
  /** The findings that stop the write: every refusal, and the confirmations while no valid reason is given. */
  bloquants: ConstatPlausibilite[];
  /** Some finding needs a reason. */
  motifRequis: boolean;
  /** Why the reason given does not do (null when it does, or when none is needed). */
  motifErreur: string | null;
  /** The reason to store: the one given, trimmed, when a reason is needed; null otherwise. */
  motif: string | null;
}

/** Why a reason does not do, in French; null when it does. */
export function motifDepassementErreur(motif: string | null | undefined): string | null {
  const text = (motif ?? '').trim();
  if (text.length === 0) return 'Indiquez le motif du dépassement : il est conservé avec la saisie et dans l’historique.';
  if (text.length < MOTIF_DEPASSEMENT_MIN) return `Motif trop court : expliquez le dépassement en une phrase (${MOTIF_DEPASSEMENT_MIN} caractères au moins).`;
  if (text.length > MOTIF_DEPASSEMENT_MAX) return `Motif trop long (${MOTIF_DEPASSEMENT_MAX} caractères au plus).`;
  return null;
}

/** What the findings and the reason given allow. */
export function verdictPlausibilite(constats: readonly ConstatPlausibilite[], motif: string | null | undefined): VerdictPlausibilite {
  const motifRequis = constats.some((c) => c.level === 'confirmation');
  const motifErreur = motifRequis ? motifDepassementErreur(motif) : null;
  return {
    bloquants: constats.filter((c) => c.level === 'refus' || motifErreur !== null),
    motifRequis,
    motifErreur,
    motif: motifRequis && motifErreur === null ? (motif ?? '').trim() : null,
  };
}

/** The findings as field errors (field → messages), the API's and the forms' shape. */
export function constatsParChamp(constats: readonly ConstatPlausibilite[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const c of constats) (fields[c.field] ??= []).push(c.message);
  return fields;
}

/** The messages are written only for a value out of range (a 50,000-line import checks 50,000 values in range). */
function rangeConstats(field: string, value: number, plage: PlageMontant, messages: { refus: () => string; confirmation: () => string }): ConstatPlausibilite[] {
  if (value > euros(plage.refus)) return [{ field, code: 'MONTANT_INVRAISEMBLABLE', level: 'refus', message: messages.refus() }];
  if (value > euros(plage.confirmation)) return [{ field, code: 'MONTANT_A_JUSTIFIER', level: 'confirmation', message: messages.confirmation() }];
  return [];
}

const frDay = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
