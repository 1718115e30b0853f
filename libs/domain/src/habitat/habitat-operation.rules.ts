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
