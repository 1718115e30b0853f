import { AUDIT_ENTITIES, type AuditEntityType } from '@suivi-pvd/domain';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from '../entities';
import { Convention, ConventionAction } from '../conventions/convention.entities';
import { DocumentVersion, DossierDocument } from '../documents/document.entities';
import { PvdContact } from '../dossiers/dossier.entities';
import { Financeur } from '../financeurs/financeur.entity';
import { ValeurReference } from '../indicateurs/valeur-reference.entity';
import { DemandeCofinancement, Mission, Poste, PosteCofinanceur, PosteCoutAnnuel, PosteTitulaire } from '../ingenierie/ingenierie.entities';
import { ProgrammeParametre } from '../programme/programme-parametre.entity';
import { Pvd } from '../pvd/pvd.entities';
import { Demarche, DemarcheParticipation, Dispositif, LigneFinancement, OperationHabitat, OperationHabitatCommune, Ort, OrtCommune } from '../thematique/thematique.entities';

/** Columns no record's history shows: ids, optimistic-lock versions, who and when. */
const TECHNICAL = ['id', 'version', 'createdAt', 'updatedAt', 'updatedBy'];

/**
 * The tables whose rows the audit log keeps (before/after), with the columns it keeps under
 * another field or leaves out, and why. A new column fails the test below until its record's
 * description names it (libs/domain/src/audit/audit-dictionary.rules.ts) or it is listed here.
 */
const AUDITED_TABLES: Partial<Record<AuditEntityType, { tables: readonly (new () => unknown)[]; elsewhere: Record<string, string> }>> = {
  convention: {
    tables: [Convention, ConventionAction],
    elsewhere: {
      pvdId: 'the dossier the entry belongs to',
      parentId: 'an avenant’s convention-cadre, fixed at its creation',
      etatDepuis: 'the time of the entry itself',
      conventionId: 'the convention of an action (the plan is one field)',
      position: 'the order of the plan’s actions (the plan is one field)',
      intitule: 'a field of the plan’s actions',
      thematique: 'a field of the plan’s actions',
      porteur: 'a field of the plan’s actions',
      dateDebut: 'a field of the plan’s actions',
      dateFin: 'a field of the plan’s actions',
      statut: 'a field of the plan’s actions',
    },
  },
  pvd_contact: { tables: [PvdContact], elsewhere: { pvdId: 'the dossier the entry belongs to' } },
  document: {
    tables: [DossierDocument, DocumentVersion],
    elsewhere: {
      pvdId: 'the dossier the entry belongs to',
      documentId: 'the entry’s record',
      numero: 'kept as the document’s version',
      sha256: 'the file’s fingerprint, not for readers',
      cleStockage: 'where the file is stored',
      deposePar: 'the entry’s author',
      deposeParLabel: 'the entry’s author',
      deposeLe: 'the time of the entry itself',
    },
  },
  pvd: { tables: [Pvd], elsewhere: { dateRetrait: 'recorded by the withdrawal of its last commune (pvdRetiree)' } },
  poste: {
    tables: [Poste, PosteTitulaire, PosteCoutAnnuel, PosteCofinanceur],
    elsewhere: {
      pvdId: 'the dossier the entry belongs to',
      employeurType: 'part of « employeur »',
      employeurCode: 'part of « employeur »',
      operationHabitatId: 'part of « operationHabitat »',
      operationType: 'part of « operationHabitat »',
      operationLibelle: 'part of « operationHabitat »',
      operationDebut: 'part of « operationHabitat »',
      operationFin: 'part of « operationHabitat »',
      referenceExterne: 'kept as « reference » by the national import',
      posteId: 'the post of a holder, a cost or a co-financer (each list is one field)',
      nom: 'a field of « titulaires »',
      email: 'a field of « titulaires »',
      telephone: 'a field of « titulaires »',
      dateDebut: 'a field of « titulaires » and « cofinanceurs »',
      dateFin: 'a field of « titulaires » and « cofinanceurs »',
      quotite: 'a field of « titulaires »',
      annee: 'a field of « coutsAnnuels »',
      cout: 'a field of « coutsAnnuels »',
      financeur: 'a field of « cofinanceurs »',
      part: 'a field of « cofinanceurs »',
    },
  },
  demande_cofinancement: { tables: [DemandeCofinancement], elsewhere: { posteId: 'the post, named by the entry' } },
  mission: { tables: [Mission], elsewhere: {} },
  ort: { tables: [Ort, OrtCommune], elsewhere: { ortId: 'the ORT of a covered commune (the communes are one field)', communeInsee: 'kept in « communes »' } },
  operation_habitat: {
    tables: [OperationHabitat, OperationHabitatCommune],
    elsewhere: {
      financeurId: 'the partner’s funder that imports it, fixed',
      operationId: 'the operation of a covered commune (the communes are one field)',
      communeInsee: 'kept in « communes »',
    },
  },
  ligne_financement: { tables: [LigneFinancement], elsewhere: {} },
  demarche_participation: {
    tables: [DemarcheParticipation],
    elsewhere: {
      demarcheId: 'kept by name as « demarche »',
      communeInsee: 'kept as « commune »',
      referenceExterne: 'kept as « reference » by the national import',
      attributs: 'each attribute is kept under its own label',
    },
  },
  demarche: { tables: [Demarche], elsewhere: {} },
  dispositif: { tables: [Dispositif], elsewhere: {} },
  financeur: { tables: [Financeur], elsewhere: {} },
  valeur_reference: { tables: [ValeurReference], elsewhere: { createdBy: 'the entry’s author' } },
  programme_parametre: { tables: [ProgrammeParametre], elsewhere: { createdBy: 'the entry’s author' } },
};

function columnsOf(table: new () => unknown): string[] {
  return getMetadataArgsStorage()
    .columns.filter((c) => c.target === table)
    .map((c) => c.propertyName);
}

describe('the audited records’ descriptions and the tables', () => {
  it('takes its tables among the application’s entities', () => {
    for (const { tables } of Object.values(AUDITED_TABLES)) for (const table of tables) expect(ENTITIES).toContain(table);
  });

  it('name every column of every audited table, or say where it is kept', () => {
    const unnamed: string[] = [];
    for (const [type, { tables, elsewhere }] of Object.entries(AUDITED_TABLES) as [AuditEntityType, { tables: (new () => unknown)[]; elsewhere: Record<string, string> }][]) {
      const champs = AUDIT_ENTITIES[type].champs as Record<string, unknown>;
      for (const table of tables) {
        for (const column of columnsOf(table)) {
          if (!(column in champs) && !(column in elsewhere) && !TECHNICAL.includes(column)) unnamed.push(`${type}.${column}`);
        }
      }
    }
    expect(unnamed).toEqual([]);
  });

  it('list no column that no longer exists', () => {
    const stale: string[] = [];
    for (const [type, { tables, elsewhere }] of Object.entries(AUDITED_TABLES)) {
      const columns = tables.flatMap(columnsOf);
      for (const column of Object.keys(elsewhere)) if (!columns.includes(column)) stale.push(`${type}.${column}`);
    }
    expect(stale).toEqual([]);
  });
});
