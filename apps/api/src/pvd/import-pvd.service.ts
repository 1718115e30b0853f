import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  analysePvdImportRows,
  CommuneAncienne,
  CommuneLookup,
  detectPvdImportFormat,
  normaliseInseeCode,
  PVD_IMPORT_FORMATS,
  PvdImportRecord,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditEntry, AuditService } from '../audit/audit.service';
import { AppError } from '../core/errors/app-error';
import { readCsv } from '../core/files/read-csv';
import { PvdImportLineDto, PvdImportReportDto, PvdImportSummaryDto } from './dto/pvd-import.dto';
import { PvdImport } from './pvd.entities';

interface ExistingPvd {
  id: string;
  id_pvd: string;
  epci_siren: string | null;
  date_convention_adhesion: string | null;
}

/**
 * Imports the list of PVD communes. Bad lines are reported one by one and never stop the good
 * ones; the good ones are applied in one transaction (all of them or, on failure, none). Running
 * the same file twice changes nothing the second time. Communes absent from the file are left
 * as they are: a file may cover part of the country.
 */
@Injectable()
export class ImportPvdService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async import(fileName: string, buffer: Buffer, actor: Actor): Promise<PvdImportReportDto> {
    const { header, rows } = readCsv(buffer, 'PVD_IMPORT_FORMAT_UNKNOWN');
    const format = detectPvdImportFormat(header);
    if (!format) {
      throw new AppError(
        'PVD_IMPORT_FORMAT_UNKNOWN',
        `Format de fichier non reconnu. Colonnes attendues : ${PVD_IMPORT_FORMATS.officiel.join(', ')} ` +
          `(liste publiée sur data.gouv.fr) ou ${PVD_IMPORT_FORMATS['export-2021'].join(', ')} (export 2021). ` +
          `Colonnes trouvées : ${header.join(', ') || 'aucune'}.`,
      );
    }
    const codes = [...new Set(rows.map((r) => normaliseInseeCode(r.values.insee_com ?? '')))];
    const lookup = await this.lookup(codes);
    const outcomes = analysePvdImportRows(rows, format, lookup);

    return this.dataSource.transaction(async (em) => {
      // Two imports at once would race on the same PVDs: one at a time.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['pvd-import']);
      const accepted = outcomes.flatMap((o) => (o.status === 'accepted' ? [{ line: o.line, record: o.record }] : []));
      const changes = await this.apply(em, accepted.map((a) => a.record), actor);

      let created = 0;
      let updated = 0;
      for (const a of accepted) {
        const change = changes.get(a.record.insee);
        if (change === 'created') created++;
        else if (change === 'updated') updated++;
      }
      const lines: PvdImportLineDto[] = outcomes
        .filter((o) => o.status === 'rejected' || o.warnings.length > 0)
        .map((o) =>
          o.status === 'rejected'
            ? { line: o.line, status: o.status, insee: o.insee, idPvd: o.idPvd, reason: o.reason, message: o.message, warnings: [] }
            : { line: o.line, status: o.status, insee: o.record.insee, idPvd: o.record.idPvd, reason: null, message: null, warnings: o.warnings },
        );
      const saved = await em.getRepository(PvdImport).save({
        fileName: fileName.slice(0, 255),
        format,
        importedBy: actor.id,
        totalLines: rows.length,
        created,
        updated,
        unchanged: accepted.length - created - updated,
        rejected: outcomes.length - accepted.length,
        report: lines,
      });
      return { ...toSummary(saved, actor.id ? actor.label : null), lines };
    });
  }

  async list(): Promise<PvdImportSummaryDto[]> {
    const rows = await this.dataSource
      .getRepository(PvdImport)
      .find({ relations: { importer: true }, order: { importedAt: 'DESC' }, take: 50 });
    return rows.map((r) => toSummary(r, r.importer?.email ?? null));
  }

  async get(id: string): Promise<PvdImportReportDto> {
    const row = await this.dataSource.getRepository(PvdImport).findOne({ where: { id }, relations: { importer: true } });
    if (!row) throw new AppError('PVD_IMPORT_NOT_FOUND', 'Import introuvable.');
    return { ...toSummary(row, row.importer?.email ?? null), lines: row.report as PvdImportLineDto[] };
  }

  private async lookup(codes: string[]): Promise<CommuneLookup> {
    const actuelles: { insee: string; nom: string }[] = await this.dataSource.query(
      'SELECT insee, nom FROM commune WHERE insee = ANY($1::varchar[])',
      [codes],
    );
    const anciennes: { insee: string; nom: string; actuelle_insee: string | null; actuelle_nom: string | null }[] =
      await this.dataSource.query(
        `SELECT a.insee, a.nom, c.insee AS actuelle_insee, c.nom AS actuelle_nom
           FROM commune_ancienne a LEFT JOIN commune c ON c.insee = a.commune_actuelle_insee
          WHERE a.insee = ANY($1::varchar[])`,
        [codes],
      );
    const byCode = new Map(actuelles.map((c) => [c.insee, c]));
    const formerByCode = new Map<string, CommuneAncienne>(
      anciennes.map((a) => [
        a.insee,
        { insee: a.insee, nom: a.nom, communeActuelle: a.actuelle_insee ? { insee: a.actuelle_insee, nom: a.actuelle_nom ?? '' } : null },
      ]),
    );
    return { actuelle: (insee) => byCode.get(insee), ancienne: (insee) => formerByCode.get(insee) };
  }

  /** Creates missing PVDs, sets memberships and dates; returns what happened to each commune. */
  private async apply(em: EntityManager, records: PvdImportRecord[], actor: Actor): Promise<Map<string, 'created' | 'updated' | 'unchanged'>> {
    const result = new Map<string, 'created' | 'updated' | 'unchanged'>();
    if (records.length === 0) return result;
    const audit: AuditEntry[] = [];
    const byPvd = new Map<string, PvdImportRecord[]>();
    for (const r of records) byPvd.set(r.idPvd, [...(byPvd.get(r.idPvd) ?? []), r]);

    // EPCI of each PVD: the one its communes share in the référentiel, if they share one.
    const epciRows: { insee: string; epci_siren: string | null }[] = await em.query(
      'SELECT insee, epci_siren FROM commune WHERE insee = ANY($1::varchar[])',
      [records.map((r) => r.insee)],
    );
    const epciOf = new Map(epciRows.map((e) => [e.insee, e.epci_siren]));

    const existing: ExistingPvd[] = await em.query(
      'SELECT id, id_pvd, epci_siren, date_convention_adhesion::text FROM pvd WHERE id_pvd = ANY($1::varchar[])',
      [[...byPvd.keys()]],
    );
    const pvdByIdPvd = new Map(existing.map((p) => [p.id_pvd, p]));
    const dateChanged = new Set<string>();

    for (const [idPvd, members] of byPvd) {
      const epcis = new Set(members.map((m) => epciOf.get(m.insee) ?? null));
      const epci = epcis.size === 1 ? [...epcis][0] : null;
      const date = members.map((m) => m.dateSignature).find((d) => d) ?? null;
      const current = pvdByIdPvd.get(idPvd);
      if (!current) {
        const [row] = await em.query(
          `INSERT INTO pvd (id_pvd, epci_siren, date_convention_adhesion) VALUES ($1, $2, $3)
           RETURNING id, id_pvd, epci_siren, date_convention_adhesion::text`,
          [idPvd, epci, date],
        );
        pvdByIdPvd.set(idPvd, row);
        audit.push({ action: 'pvd.create', entityType: 'pvd', entityId: row.id, before: null, after: { idPvd, epciSiren: epci, dateConventionAdhesion: date } });
      } else {
        // A file without dates never erases a known date.
        const newDate = date ?? current.date_convention_adhesion;
        if (newDate !== current.date_convention_adhesion || epci !== current.epci_siren) {
          await em.query(
            'UPDATE pvd SET date_convention_adhesion = $2, epci_siren = $3, version = version + 1, updated_at = now() WHERE id = $1',
            [current.id, newDate, epci],
          );
          audit.push({
            action: 'pvd.update',
            entityType: 'pvd',
            entityId: current.id,
            before: { epciSiren: current.epci_siren, dateConventionAdhesion: current.date_convention_adhesion },
            after: { epciSiren: epci, dateConventionAdhesion: newDate },
          });
          if (newDate !== current.date_convention_adhesion) dateChanged.add(idPvd);
        }
      }
    }

    const memberships: { commune_insee: string; pvd_id: string; id_pvd: string }[] = await em.query(
      `SELECT pc.commune_insee, pc.pvd_id, p.id_pvd FROM pvd_commune pc JOIN pvd p ON p.id = pc.pvd_id
        WHERE pc.commune_insee = ANY($1::varchar[])`,
      [records.map((r) => r.insee)],
    );
    const membershipOf = new Map(memberships.map((m) => [m.commune_insee, m]));
    const toInsert: [string, string][] = [];
    const toMove: [string, string][] = [];
    for (const r of records) {
      const pvd = pvdByIdPvd.get(r.idPvd);
      if (!pvd) throw new Error(`PVD ${r.idPvd} was neither found nor created`);
      const current = membershipOf.get(r.insee);
      if (!current) {
        toInsert.push([r.insee, pvd.id]);
        result.set(r.insee, 'created');
        audit.push({ action: 'pvd.commune.add', entityType: 'pvd', entityId: pvd.id, before: null, after: { commune: r.insee, idPvd: r.idPvd } });
      } else if (current.pvd_id !== pvd.id) {
        toMove.push([r.insee, pvd.id]);
        result.set(r.insee, 'updated');
        audit.push({
          action: 'pvd.commune.move',
          entityType: 'pvd',
          entityId: pvd.id,
          before: { commune: r.insee, idPvd: current.id_pvd },
          after: { commune: r.insee, idPvd: r.idPvd },
        });
      } else {
        result.set(r.insee, dateChanged.has(r.idPvd) ? 'updated' : 'unchanged');
      }
    }
    if (toInsert.length > 0) {
      await em.query(
        'INSERT INTO pvd_commune (commune_insee, pvd_id) SELECT * FROM unnest($1::varchar[], $2::uuid[])',
        [toInsert.map((m) => m[0]), toInsert.map((m) => m[1])],
      );
    }
    if (toMove.length > 0) {
      await em.query(
        `UPDATE pvd_commune pc SET pvd_id = v.pvd_id FROM unnest($1::varchar[], $2::uuid[]) AS v(insee, pvd_id)
          WHERE pc.commune_insee = v.insee`,
        [toMove.map((m) => m[0]), toMove.map((m) => m[1])],
      );
    }
    await this.audit.recordMany(em, actor, audit);
    return result;
  }
}

function toSummary(row: PvdImport, importedBy: string | null): PvdImportSummaryDto {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format as PvdImportSummaryDto['format'],
    importedAt: row.importedAt.toISOString(),
    importedBy,
    totalLines: row.totalLines,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
  };
}
