import type { ConventionAction, ConventionState, ConventionType, PlanActionTheme } from '@suivi-pvd/domain';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** The demo commune whose chef de projet prepares the convention-cadre in the demo (and the end-to-end journey). */
export const DEMO_JOURNEY_COMMUNE = '23001';
/** Its convention d'adhésion, recent enough for a countdown to the convention-cadre. */
export const DEMO_JOURNEY_ADHESION = '2025-09-15';

const DAY = 24 * 3600 * 1000;
const LABEL = 'Données de démonstration';
const COMPLEMENTS = 'Merci de préciser le calendrier des actions et leur plan de financement.';

interface Step {
  action: ConventionAction | 'creer';
  to: ConventionState;
  at: Date;
  comment?: string;
}

interface Seeded {
  id: string;
  pvdId: string;
  type: ConventionType;
  parentId: string | null;
  numero: number | null;
  steps: Step[];
  dateSignature: string | null;
  content: boolean;
  vautOrt: boolean;
}

const PATHS: Record<ConventionState, (ConventionAction | 'creer')[]> = {
  brouillon: ['creer'],
  deposee: ['creer', 'deposer'],
  en_instruction: ['creer', 'deposer', 'instruire'],
  a_completer: ['creer', 'deposer', 'instruire', 'demander_complements'],
  validee: ['creer', 'deposer', 'instruire', 'valider'],
  signee: ['creer', 'deposer', 'instruire', 'valider', 'signer'],
};
const STATE_AFTER: Record<ConventionAction | 'creer', ConventionState> = {
  creer: 'brouillon',
  deposer: 'deposee',
  retirer: 'brouillon',
  instruire: 'en_instruction',
  demander_complements: 'a_completer',
  valider: 'validee',
  signer: 'signee',
  rouvrir: 'en_instruction',
};

/** The steps that led to `state`, the last one on `last`, the earlier ones `gapDays` apart before it. */
function steps(state: ConventionState, last: Date, gapDays: number): Step[] {
  const path = PATHS[state];
  return path.map((action, i) => ({
    action,
    to: STATE_AFTER[action],
    at: new Date(last.getTime() - (path.length - 1 - i) * gapDays * DAY),
    ...(action === 'demander_complements' ? { comment: COMPLEMENTS } : {}),
  }));
}

const ACTIONS: { intitule: string; thematique: PlanActionTheme; porteur: string }[] = [
  { intitule: 'Requalification de la place du marché', thematique: 'espaces_publics', porteur: 'Commune' },
  { intitule: 'Opération programmée d’amélioration de l’habitat – renouvellement urbain', thematique: 'habitat', porteur: 'EPCI' },
  { intitule: 'Reconquête des cellules commerciales vacantes', thematique: 'commerce', porteur: 'Commune' },
];

/**
 * Conventions for the demo PVDs, by a fixed rule on their rank so the same data come out every
 * time: a signed convention d'adhésion where the PVD has a date (four in five); then, one PVD in
 * ten each, convention-cadres déposées, en instruction, à compléter for 45 days, none at all
 * (late), and four in ten signed 14 months after adhesion, some with an avenant waiting. The commune of the
 * demo journey has its signed convention d'adhésion (its dossier shows the date) and no convention-cadre:
 * its chef de projet writes it.
 */
export async function seedDemoConventions(em: EntityManager, pvds: { id: string; insee: string; adhesion: string | null }[], now = new Date()): Promise<number> {
  const seeded: Seeded[] = [];
  pvds.forEach((p, i) => {
    if (!p.adhesion) return;
    const adhesion = new Date(`${p.adhesion}T10:00:00Z`);
    seeded.push({ id: randomUUID(), pvdId: p.id, type: 'adhesion', parentId: null, numero: null, steps: steps('signee', adhesion, 7), dateSignature: p.adhesion, content: false, vautOrt: false });
    if (p.insee === DEMO_JOURNEY_COMMUNE) return;
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    const kind = i % 10;
    const cadre = (state: ConventionState, last: Date, gap: number, dateSignature: string | null = null): Seeded => ({
      id: randomUUID(),
      pvdId: p.id,
      type: 'cadre',
      parentId: null,
      numero: null,
      steps: steps(state, last, gap),
      dateSignature,
      content: true,
      vautOrt: i % 3 === 0,
    });
    if ([0, 1, 2, 5].includes(kind)) {
      const signed = new Date(adhesion.getTime() + 425 * DAY);
      const c = cadre('signee', signed, 20, signed.toISOString().slice(0, 10));
      seeded.push(c);
      if (kind === 0) {
        seeded.push({ id: randomUUID(), pvdId: p.id, type: 'avenant', parentId: c.id, numero: 1, steps: steps('deposee', ago(3), 10), dateSignature: null, content: false, vautOrt: false });
      }
    } else if (kind === 6) seeded.push(cadre('deposee', ago(5), 30));
    else if (kind === 7) seeded.push(cadre('en_instruction', ago(12), 8));
    else if (kind === 8) seeded.push(cadre('a_completer', ago(45), 10));
    // kind 3: no convention-cadre yet, past its deadline (kinds 4 and 9 have no adhesion date).
  });

  const last = (s: Seeded) => s.steps[s.steps.length - 1];
  await em.query(
    `INSERT INTO convention (id, pvd_id, type, parent_id, numero, etat, etat_depuis, date_signature, vaut_ort, objet, diagnostic, strategie, signataires, created_at, updated_at)
     SELECT id, pvd, type, parent, numero, etat, depuis, signature, ort,
            CASE WHEN type = 'avenant' THEN 'Ajout d’une action de revitalisation commerciale' END,
            CASE WHEN content THEN 'Centre-bourg marqué par la vacance commerciale et un parc de logements anciens à rénover.' END,
            CASE WHEN content THEN 'Redonner de l’attractivité au centre : habitat, commerce, espaces publics.' END,
            CASE WHEN type <> 'avenant' THEN '[{"nom":"Le maire","qualite":"Maire","organisme":"Commune"},{"nom":"Le préfet","qualite":"Préfet de département","organisme":"État"}]'::jsonb ELSE '[]'::jsonb END,
            created, depuis
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::int[], $6::text[], $7::timestamptz[], $8::date[], $9::boolean[], $10::boolean[], $11::timestamptz[])
         AS x(id, pvd, type, parent, numero, etat, depuis, signature, ort, content, created)`,
    [
      seeded.map((s) => s.id),
      seeded.map((s) => s.pvdId),
      seeded.map((s) => s.type),
      seeded.map((s) => s.parentId),
      seeded.map((s) => s.numero),
      seeded.map((s) => last(s).to),
      seeded.map((s) => last(s).at),
      seeded.map((s) => s.dateSignature),
      seeded.map((s) => s.vautOrt),
      seeded.map((s) => s.content),
      seeded.map((s) => s.steps[0].at),
    ],
  );
  const transitions = seeded.flatMap((s) => s.steps.map((step, i) => ({ s, step, before: i === 0 ? null : s.steps[i - 1].to })));
  await em.query(
    `INSERT INTO convention_transition (convention_id, action, etat_avant, etat_apres, at, actor_label, commentaire, date_signature)
     SELECT c, a, b, t, at, $8, m, d FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::date[]) AS x(c, a, b, t, at, m, d)`,
    [
      transitions.map((x) => x.s.id),
      transitions.map((x) => x.step.action),
      transitions.map((x) => x.before),
      transitions.map((x) => x.step.to),
      transitions.map((x) => x.step.at),
      transitions.map((x) => x.step.comment ?? null),
      transitions.map((x) => (x.step.action === 'signer' ? x.s.dateSignature : null)),
      LABEL,
    ],
  );
  const withPlan = seeded.filter((s) => s.content);
  await em.query(
    `INSERT INTO convention_action (convention_id, position, intitule, thematique, porteur, statut)
     SELECT c, n, i, t, p, s FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(c, n, i, t, p, s)`,
    [
      withPlan.flatMap((s) => ACTIONS.map(() => s.id)),
      withPlan.flatMap(() => ACTIONS.map((_, n) => n)),
      withPlan.flatMap(() => ACTIONS.map((a) => a.intitule)),
      withPlan.flatMap(() => ACTIONS.map((a) => a.thematique)),
      withPlan.flatMap(() => ACTIONS.map((a) => a.porteur)),
      withPlan.flatMap((s) => ACTIONS.map((_, n) => (last(s).to === 'signee' ? (n === 0 ? 'realisee' : 'en_cours') : 'a_lancer'))),
    ],
  );
  return seeded.length;
}
