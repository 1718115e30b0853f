import {
  demandeCofinancementConstats,
  ligneFinancementConstats,
  operationHabitatConstats,
  plafondAnnuelDemande,
  verdictPlausibilite,
  type ConstatPlausibilite,
  type FinancementNature,
  type HabitatObjectifAnnuel,
  type HabitatOperationType,
} from '@suivi-pvd/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { demandesAvecCalcul } from '../ingenierie/postes.service';

/**
 * Every stored yearly request, financing line and habitat operation judged by the plausibility
 * rules a user's entry goes through (libs/domain plausibilite.rules), with its stored reason: the
 * records a user could not have entered, each with the codes that would stop it. The demo seed
 * runs it on what it loaded and fails on any; its test checks the same.
 */
export async function implausibleRecords(db: DataSource | EntityManager): Promise<{ entity: string; id: string; codes: string[] }[]> {
  const found: { entity: string; id: string; codes: string[] }[] = [];
  const judge = (entity: string, id: string, constats: ConstatPlausibilite[], motif: string | null) => {
    const { bloquants } = verdictPlausibilite(constats, motif);
    if (bloquants.length > 0) found.push({ entity, id, codes: [...new Set(bloquants.map((c) => c.code))] });
  };

  for (const { demande: d, calcule, parametres } of await demandesAvecCalcul(db)) {
    const base = { annee: d.annee, montantDemande: d.montantDemande, dateDemande: d.dateDemande, montantAccorde: d.montantAccorde, dateDecision: d.dateDecision };
    judge(
      'demande_cofinancement',
      d.id,
      [...demandeCofinancementConstats({ ...base, saisie: 'demande', calcule, plafond: plafondAnnuelDemande(parametres, d.annee) }), ...demandeCofinancementConstats({ ...base, saisie: 'instruction' })],
      d.motifDepassement,
    );
  }

  const lignes: { id: string; montant: number; motif: string | null; code: string; nom: string; nature: FinancementNature }[] = await db.query(
    `SELECT l.id, l.montant::float8 AS montant, l.motif_depassement AS motif, d.code, d.nom, d.nature FROM ligne_financement l JOIN dispositif d ON d.id = l.dispositif_id`,
  );
  for (const l of lignes) judge('ligne_financement', l.id, ligneFinancementConstats(l, l), l.motif);

  const operations: {
    id: string;
    type: HabitatOperationType;
    engagementAnah: number | null;
    engagementCollectivite: number | null;
    objectifs: HabitatObjectifAnnuel[];
    population: number | null;
    motif: string | null;
  }[] = await db.query(
    `SELECT o.id, o.type, o.engagement_anah::float8 AS "engagementAnah", o.engagement_collectivite::float8 AS "engagementCollectivite", o.objectifs,
            o.motif_depassement AS motif,
            (SELECT sum(c.population)::float8 FROM operation_habitat_commune oc JOIN commune c ON c.insee = oc.commune_insee WHERE oc.operation_id = o.id) AS population
       FROM operation_habitat o`,
  );
  for (const o of operations) judge('operation_habitat', o.id, operationHabitatConstats(o), o.motif);
  return found;
}
