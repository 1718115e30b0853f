/** Habitat operations (programme-rules.md, « Habitat operations »). */
export const HABITAT_OPERATION_TYPES = ['opah', 'opah_ru', 'opah_rr', 'opah_cd', 'pig', 'rhi_thirori', 'plan_sauvegarde', 'orcod'] as const;
export type HabitatOperationType = (typeof HABITAT_OPERATION_TYPES)[number];

export const HABITAT_OPERATION_TYPE_LABELS: Record<HabitatOperationType, string> = {
  opah: 'OPAH',
  opah_ru: 'OPAH-RU (renouvellement urbain)',
  opah_rr: 'OPAH-RR (revitalisation rurale)',
  opah_cd: 'OPAH-CD (copropriétés dégradées)',
  pig: 'PIG (programme d’intérêt général)',
  rhi_thirori: 'RHI-THIRORI',
  plan_sauvegarde: 'Plan de sauvegarde',
  orcod: 'ORCOD',
};

export const HABITAT_OPERATION_PHASES = ['etude_pre_operationnelle', 'convention_signee', 'operationnelle', 'close'] as const;
export type HabitatOperationPhase = (typeof HABITAT_OPERATION_PHASES)[number];

export const HABITAT_OPERATION_PHASE_LABELS: Record<HabitatOperationPhase, string> = {
  etude_pre_operationnelle: 'Étude pré-opérationnelle',
  convention_signee: 'Convention signée',
  operationnelle: 'Opérationnelle (suivi-animation)',
  close: 'Close',
};

export function isHabitatOperationType(value: unknown): value is HabitatOperationType {
  return typeof value === 'string' && (HABITAT_OPERATION_TYPES as readonly string[]).includes(value);
}

/** Housing targets and dwellings treated, per year. */
export interface HabitatObjectifAnnuel {
  annee: number;
  objectif: number | null;
  traites: number | null;
}

/** Consistency of an habitat operation (field → messages). */
export function habitatOperationErrors(o: {
  phase: HabitatOperationPhase;
  dateDebut: string | null;
  dateFin: string | null;
  communes: readonly string[];
  objectifs: readonly HabitatObjectifAnnuel[];
  engagementAnah: number | null;
  engagementCollectivite: number | null;
}): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (o.dateDebut && o.dateFin && o.dateFin < o.dateDebut) add('dateFin', 'La date de fin précède la date de début.');
  if (o.phase !== 'etude_pre_operationnelle' && !o.dateDebut) add('dateDebut', 'Indiquez la date de début de la phase.');
  if (o.phase === 'close' && !o.dateFin) add('dateFin', 'Indiquez la date de clôture.');
  if (o.communes.length === 0) add('communes', 'Une opération couvre au moins une commune.');
  if (new Set(o.communes).size !== o.communes.length) add('communes', 'Chaque commune ne figure qu’une fois.');
  const years = new Set<number>();
  o.objectifs.forEach((y, i) => {
    if (years.has(y.annee)) add(`objectifs.${i}.annee`, `L’année ${y.annee} figure deux fois.`);
    years.add(y.annee);
    for (const k of ['objectif', 'traites'] as const) {
      const v = y[k];
      if (v !== null && (!Number.isInteger(v) || v < 0)) add(`objectifs.${i}.${k}`, 'Un nombre entier de logements, positif.');
    }
  });
  for (const k of ['engagementAnah', 'engagementCollectivite'] as const) {
    const v = o[k];
    if (v !== null && (!Number.isInteger(v) || v < 0)) add(k, 'Un montant positif, au centime près.');
  }
  return errors;
}
