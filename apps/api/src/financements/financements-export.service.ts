import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  FINANCEMENT_NATURE_LABELS,
  FINANCEMENT_STATUT_LABELS,
  PILIER_LABELS,
  type FinancementNature,
  type FinancementStatut,
  type Pilier,
} from '@suivi-pvd/domain';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import type { CurrentUser } from '../core/auth/current-user';
import type { ExportQuery, LigneSummaryDto } from './dto/financements.dto';
import { LIGNE_FROM, LIGNE_SELECT, LignesService } from './lignes.service';
import { sendExport } from '../core/export/export-file';

const BATCH = 1000;

/** The columns of the export, in order; amounts in euros, days as dates. */
const COLUMNS: { header: string; width: number; kind: 'text' | 'euros' | 'date' | 'integer'; value: (l: LigneSummaryDto, place: Place) => string | number | null }[] = [
  { header: 'Dispositif', width: 34, kind: 'text', value: (l) => l.dispositifNom },
  { header: 'Financeur', width: 28, kind: 'text', value: (l) => l.financeurNom },
  { header: 'Pilier', width: 16, kind: 'text', value: (l) => PILIER_LABELS[l.pilier as Pilier] },
  { header: 'Nature', width: 12, kind: 'text', value: (l) => FINANCEMENT_NATURE_LABELS[l.nature as FinancementNature] },
  { header: 'Type de bénéficiaire', width: 12, kind: 'text', value: (l) => (l.beneficiaireType === 'commune' ? 'Commune' : 'EPCI') },
  { header: 'Code du bénéficiaire', width: 12, kind: 'text', value: (l) => l.beneficiaireCode },
  { header: 'Bénéficiaire', width: 30, kind: 'text', value: (l) => l.beneficiaireNom },
  { header: 'Département', width: 22, kind: 'text', value: (l, p) => (l.departementCode ? `${l.departementCode} – ${p.departement}` : null) },
  { header: 'Région', width: 24, kind: 'text', value: (_, p) => p.region },
  { header: 'Projet', width: 40, kind: 'text', value: (l) => l.projet },
  { header: 'Montant (€)', width: 16, kind: 'euros', value: (l) => l.montant },
  { header: 'Statut', width: 14, kind: 'text', value: (l) => FINANCEMENT_STATUT_LABELS[l.statut as FinancementStatut] },
  { header: 'Date de demande', width: 12, kind: 'date', value: (l) => l.dateDemande },
  { header: 'Date d’engagement', width: 12, kind: 'date', value: (l) => l.dateEngagement },
  { header: 'Date de contractualisation', width: 12, kind: 'date', value: (l) => l.dateContractualisation },
  { header: 'Date de versement', width: 12, kind: 'date', value: (l) => l.dateVersement },
  { header: 'Année de campagne', width: 10, kind: 'integer', value: (l) => l.anneeCampagne },
  { header: 'Référence chez le financeur', width: 20, kind: 'text', value: (l) => l.referenceExterne },
  { header: 'Source', width: 16, kind: 'text', value: (l) => l.source },
  { header: 'Date de la source', width: 12, kind: 'date', value: (l) => l.dateSource },
  { header: 'Logements rénovés', width: 10, kind: 'integer', value: (l) => l.logements },
  { header: 'Dossiers acceptés', width: 10, kind: 'integer', value: (l) => l.dossiers },
];

interface Place {
  departement: string | null;
  region: string | null;
}
interface Placed {
  l: LigneSummaryDto;
  p: Place;
}
const KIND = { text: 'texte', euros: 'euros', date: 'date', integer: 'nombre' } as const;

/**
 * The filtered national list as a file, streamed batch by batch (keyset on the id) so that a
 * national export holds one batch in memory, whatever its size. Same scope and filters as the list.
 *
 * CSV choice (see `financements-export.rules.ts` in the domain): UTF-8 with BOM, « ; », amounts in
 * euros with a decimal comma and no thousands separator (« 12500,50 »), ISO days. French Excel
 * opens it right and a script reads it by replacing one comma.
 */
@Injectable()
export class FinancementsExportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lignes: LignesService,
  ) {}

  async export(user: CurrentUser, query: ExportQuery, response: Response): Promise<void> {
    const places = await this.places();
    const batches = this.batches(user, query);
    async function* withPlaces(): AsyncGenerator<Placed[]> {
      for await (const batch of batches) yield batch.map((l) => ({ l, p: places(l.departementCode) }));
    }
    await sendExport(response, query.format, {
      name: 'financements',
      sheet: 'Financements',
      columns: COLUMNS.map((c) => ({ header: c.header, width: c.width, kind: KIND[c.kind], value: (row: Placed) => c.value(row.l, row.p) })),
      batches: withPlaces(),
    });
  }

  /** The scoped, filtered lines, by batches in id order. */
  private async *batches(user: CurrentUser, query: ExportQuery): AsyncGenerator<LigneSummaryDto[]> {
    const { sql, params } = this.lignes.where(user, query);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: LigneSummaryDto[] = await this.dataSource.query(`${LIGNE_SELECT} ${LIGNE_FROM} WHERE ${sql} AND l.id > $${params.length + 1} ORDER BY l.id LIMIT ${BATCH}`, [
        ...params,
        after,
      ]);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < BATCH) return;
      after = rows[rows.length - 1].id;
    }
  }

  /** Département code → its name and région's, from the referentiel. */
  private async places(): Promise<(code: string | null) => Place> {
    const rows: { code: string; nom: string; region: string }[] = await this.dataSource.query(
      'SELECT d.code, d.nom, r.nom AS region FROM departement d JOIN region r ON r.code = d.region_code',
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return (code) => {
      const d = code ? byCode.get(code) : undefined;
      return { departement: d?.nom ?? null, region: d?.region ?? null };
    };
  }
}
