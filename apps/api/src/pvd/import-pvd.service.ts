import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  analysePvdImportRows,
  CommuneAncienne,
  CommuneLookup,
  detectPvdImportFormat,
  fileCoverage,
  isProvisionalPvdId,
  membershipChangeDate,
  membershipStartDate,
  normaliseInseeCode,
  planMembershipChanges,
  programmeToday,
  PVD_IMPORT_FORMATS,
  PvdImportFormat,
  PvdImportRecord,
  type MembershipPlan,
  type PlannedPvd,
} from '@suivi-pvd/domain';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditEntry, AuditService } from '../core/audit/audit.service';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { AppError } from '../core/errors/app-error';
import { readTable, TableRefused } from '../core/files/read-table';
import { PvdImportBilanDto, PvdImportLineDto, PvdImportReportDto, PvdImportSummaryDto } from './dto/pvd-import.dto';
import { PvdImport } from './pvd.entities';

interface ExistingPvd {
  id: string;
  id_pvd: string;
  epci_siren: string | null;
  date_selection: string | null;
  date_convention_adhesion: string | null;
}

/** Everything an import would do, computed against the database as it is, without writing. */
interface Analysis {
  format: PvdImportFormat;
  totalLines: number;
  /** Accepted lines that the plan applies (not blocked, not withdrawn communes). */
  records: { line: number; record: PvdImportRecord }[];
  plan: MembershipPlan;
  lines: PvdImportLineDto[];
  bilan: PvdImportBilanDto;
  rejected: number;
}

export interface PvdImportOptions {
  /** Date of effect (ISO day): start of memberships the file gives no signature date for, day of moves. */
  dateEffet?: string | null;
  /** The ANCT's choices from the preview: old id_pvd → id_pvd of the group that keeps the dossier. */
  choix?: Record<string, string>;
}

/**
 * Imports the list of PVD communes in two steps: a preview (nothing applied: counts, moves,
 * defects, coverage, the dossier choices a split needs), then its confirmation, which applies the
 * very file previewed (kept with its hash) in one transaction, once: confirming again answers the
 * same report. Bad lines never stop the good ones. Running the same file twice changes nothing
 * the second time. Communes absent from the file are left as they are (a file may cover part of
 * the country): leaving the programme is the ANCT's dated withdrawal on the PVD page. Every
 * membership change writes its period (pvd_commune_periode) in the same transaction.
 */
@Injectable()
export class ImportPvdService {
  private dossierTables: { table: string; column: string }[] | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One step (the command line, scripts): preview then confirm with the proposed choices. */
  async import(fileName: string, buffer: Buffer, actor: Actor, options: PvdImportOptions = {}): Promise<PvdImportReportDto> {
    const preview = await this.preview(fileName, buffer, actor, options);
    return this.confirm(preview.id, actor, options.choix ?? {});
  }

  /** Reads and checks the file, stores it with its preview; applies nothing. */
  async preview(fileName: string, buffer: Buffer, actor: Actor, options: PvdImportOptions = {}): Promise<PvdImportReportDto> {
    const dateEffet = options.dateEffet ?? null;
    const analysis = await this.analyse(this.dataSource.manager, buffer, dateEffet, options.choix ?? {});
    return this.dataSource.transaction(async (em) => {
      // Previews nobody confirmed within a day are dropped with their file.
      await em.query(`DELETE FROM pvd_import WHERE statut = 'apercu' AND imported_at < now() - interval '1 day'`);
      const saved = await em.getRepository(PvdImport).save({
        fileName: fileName.slice(0, 255),
        format: analysis.format,
        importedBy: actor.id,
        statut: 'apercu' as const,
        fichierHash: createHash('sha256').update(buffer).digest('hex'),
        fichier: buffer,
        dateEffet,
        ...counts(analysis),
        report: analysis.lines,
        bilan: analysis.bilan,
        appliqueAt: null,
      });
      return { ...toSummary(saved, actor.id ? actor.label : null), lines: analysis.lines, bilan: analysis.bilan };
    });
  }

  /**
   * Applies a previewed file, with the ANCT's dossier choices. Idempotent: an import already
   * applied is answered as it is, and nothing changes.
   */
  async confirm(id: string, actor: Actor, choix: Record<string, string>): Promise<PvdImportReportDto> {
    return this.dataSource.transaction(async (em) => {
      // Two imports at once would race on the same PVDs: one at a time.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['pvd-import']);
      const row = await em
        .getRepository(PvdImport)
        .createQueryBuilder('i')
        .addSelect('i.fichier')
        .leftJoinAndSelect('i.importer', 'importer')
        .where('i.id = :id', { id })
        .setLock('pessimistic_write', undefined, ['i'])
        .getOne();
      if (!row) throw new AppError('PVD_IMPORT_NOT_FOUND', 'Import introuvable.');
      if (row.statut === 'applique' || !row.fichier) {
        return { ...toSummary(row, row.importer?.email ?? null), lines: row.report as PvdImportLineDto[], bilan: (row.bilan as PvdImportBilanDto | null) ?? null };
      }
      if (createHash('sha256').update(row.fichier).digest('hex') !== row.fichierHash) {
        throw new AppError('PVD_IMPORT_FILE_MISSING', 'Le fichier de cet aperçu a changé : importez-le de nouveau.');
      }
      const analysis = await this.analyse(em, row.fichier, row.dateEffet, choix);
      if (analysis.plan.invalidChoices.length > 0) {
        throw new AppError('VALIDATION_FAILED', 'Choix de dossier invalide.', {
          choix: analysis.plan.invalidChoices.map((c) => `Choix « ${c} » impossible : choisissez l'un des groupes proposés.`),
        });
      }
      const changes = await this.apply(em, analysis, row.id, row.dateEffet, actor);
      const applied = { ...counts(analysis), ...changes };
      await em.query(
        `UPDATE pvd_import SET statut = 'applique', fichier = NULL, applique_at = now(), created = $2, updated = $3, unchanged = $4, rejected = $5, report = $6, bilan = $7
          WHERE id = $1`,
        [row.id, applied.created, applied.updated, applied.unchanged, applied.rejected, JSON.stringify(analysis.lines), JSON.stringify(analysis.bilan)],
      );
      const summary = toSummary({ ...row, ...applied, statut: 'applique', appliqueAt: new Date() }, row.importer?.email ?? (actor.id ? actor.label : null));
      return { ...summary, lines: analysis.lines, bilan: analysis.bilan };
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
    return { ...toSummary(row, row.importer?.email ?? null), lines: row.report as PvdImportLineDto[], bilan: (row.bilan as PvdImportBilanDto | null) ?? null };
  }

  /**
   * The file's lines keyed by lower-cased column name (CSV or XLSX, within the import limits): a
   * refused file is answered 413 when it is over a limit, 400 otherwise, on field `fichier`.
   */
  private async read(buffer: Buffer): Promise<{ header: string[]; rows: { line: number; values: Record<string, string> }[] }> {
    try {
      const table = await readTable(buffer, this.config.importLimits);
      const header = table.header.map((h) => h.trim().toLowerCase());
      const rows = table.rows.map(({ ligne, cells }) => ({ line: ligne, values: Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])) }));
      return { header, rows };
    } catch (error) {
      if (error instanceof TableRefused) throw new AppError(error.overLimit ? 'IMPORT_FILE_TOO_LARGE' : 'PVD_IMPORT_FORMAT_UNKNOWN', error.message, { fichier: [error.message] });
      throw error;
    }
  }

  private async analyse(em: EntityManager, buffer: Buffer, dateEffet: string | null, choix: Record<string, string>): Promise<Analysis> {
    const { header, rows } = await this.read(buffer);
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
    const outcomes = analysePvdImportRows(rows, format, await this.lookup(em, codes));
    const accepted = outcomes.flatMap((o) => (o.status === 'accepted' ? [{ line: o.line, record: o.record, warnings: o.warnings }] : []));
    const inseeCodes = accepted.map((a) => a.record.insee);

    // Communes the ANCT withdrew: an import does not bring them back.
    const withdrawn: { commune_insee: string; fin: string }[] = await em.query(
      `SELECT DISTINCT ON (commune_insee) commune_insee, fin::text, motif_fin FROM pvd_commune_periode
        WHERE commune_insee = ANY($1::varchar[]) ORDER BY commune_insee, debut DESC, created_at DESC`,
      [inseeCodes],
    );
    const withdrawnOn = new Map(withdrawn.filter((w) => (w as { motif_fin?: string }).motif_fin === 'retrait').map((w) => [w.commune_insee, w.fin]));
    const kept = accepted.filter((a) => !withdrawnOn.has(a.record.insee));
    const plan = planMembershipChanges({
      lines: kept.map((a) => ({ insee: a.record.insee, idPvd: a.record.idPvd })),
      pvds: await this.plannedPvds(em, kept.map((a) => a.record)),
      choices: choix,
    });
    const planned = new Map(plan.lines.map((l) => [l.insee, l]));

    const lines: PvdImportLineDto[] = [];
    const records: Analysis['records'] = [];
    let rejected = 0;
    const acceptedByLine = new Map(accepted.map((a) => [a.line, a]));
    for (const o of outcomes) {
      if (o.status === 'rejected') {
        rejected++;
        lines.push({ line: o.line, status: 'rejected', insee: o.insee, idPvd: o.idPvd, reason: o.reason, message: o.message, warnings: [] });
        continue;
      }
      const a = acceptedByLine.get(o.line) as (typeof accepted)[number];
      const retrait = withdrawnOn.get(a.record.insee);
      if (retrait) {
        rejected++;
        lines.push({
          line: o.line,
          status: 'rejected',
          insee: a.record.insee,
          idPvd: a.record.idPvd,
          reason: 'COMMUNE_RETIREE',
          message: `Commune retirée du programme le ${retrait} : l'import ne la réintègre pas.`,
          warnings: a.warnings,
        });
        continue;
      }
      const p = planned.get(a.record.insee);
      if (!p) continue;
      if (p.outcome === 'blocked') {
        rejected++;
        lines.push({ line: o.line, status: 'rejected', insee: a.record.insee, idPvd: a.record.idPvd, reason: 'DEPLACEMENT_BLOQUE', message: p.message, warnings: a.warnings });
        continue;
      }
      records.push({ line: o.line, record: { ...a.record, idPvd: p.idPvd } });
      const warnings = [...a.warnings, ...p.warnings];
      if (warnings.length > 0) lines.push({ line: o.line, status: 'accepted', insee: a.record.insee, idPvd: p.idPvd, reason: null, message: null, warnings });
    }

    const bilan = await this.bilan(em, records.map((r) => r.record), plan, dateEffet);
    return { format, totalLines: rows.length, records, plan, lines, bilan, rejected };
  }

  private async bilan(em: EntityManager, records: PvdImportRecord[], plan: MembershipPlan, dateEffet: string | null): Promise<PvdImportBilanDto> {
    const codes = records.map((r) => r.insee);
    const communes: { insee: string; nom: string; departement_code: string; region_code: string }[] = await em.query(
      'SELECT insee, nom, departement_code, region_code FROM commune WHERE insee = ANY($1::varchar[])',
      [codes],
    );
    const departements: { code: string; nom: string; region_code: string }[] = await em.query('SELECT code, nom, region_code FROM departement ORDER BY code');
    const regions: { code: string; nom: string }[] = await em.query('SELECT code, nom FROM region ORDER BY code');
    const coverage = fileCoverage(
      communes.map((c) => ({ departementCode: c.departement_code, regionCode: c.region_code })),
      departements.map((d) => ({ code: d.code, nom: d.nom, regionCode: d.region_code })),
      regions,
    );
    const nomOf = new Map(communes.map((c) => [c.insee, c.nom]));
    const moved = plan.lines.filter((l) => l.outcome === 'moved');
    const fromIds: { id: string; id_pvd: string }[] = await em.query('SELECT id, id_pvd FROM pvd WHERE id = ANY($1::uuid[])', [moved.map((m) => m.fromPvdId)]);
    const idPvdOf = new Map(fromIds.map((p) => [p.id, p.id_pvd]));
    const [absent] = await em.query(
      `SELECT count(*)::int AS n FROM pvd_commune_periode WHERE fin IS NULL AND NOT (commune_insee = ANY($1::varchar[]))`,
      [codes],
    );
    return {
      dateEffet,
      communesProgramme: plan.lines.filter((l) => l.outcome !== 'blocked').length,
      provisoires: plan.lines.filter((l) => l.outcome !== 'blocked' && isProvisionalPvdId(l.idPvd)).length,
      pvdCreees: plan.creates.length,
      deplacements: moved.map((m) => ({ insee: m.insee, nom: nomOf.get(m.insee) ?? m.insee, depuis: idPvdOf.get(m.fromPvdId ?? '') ?? '', vers: m.idPvd })),
      renommees: plan.renames.map((r) => ({ depuis: r.from, vers: r.to })),
      choix: plan.choices.map((c) => ({ idPvd: c.idPvd, options: c.options, propose: c.proposed, retenu: c.chosen })),
      absentesDuFichier: absent.n,
      couverture: coverage,
    };
  }

  private async lookup(em: EntityManager, codes: string[]): Promise<CommuneLookup> {
    const anciennes: { insee: string; nom: string; actuelle_insee: string | null; actuelle_nom: string | null }[] = await em.query(
      `SELECT a.insee, a.nom, c.insee AS actuelle_insee, c.nom AS actuelle_nom
         FROM commune_ancienne a LEFT JOIN commune c ON c.insee = a.commune_actuelle_insee
        WHERE a.insee = ANY($1::varchar[])`,
      [codes],
    );
    const successors = anciennes.flatMap((a) => (a.actuelle_insee ? [a.actuelle_insee] : []));
    const actuelles: { insee: string; nom: string }[] = await em.query('SELECT insee, nom FROM commune WHERE insee = ANY($1::varchar[])', [
      [...codes, ...successors],
    ]);
    const byCode = new Map(actuelles.map((c) => [c.insee, c]));
    const formerByCode = new Map<string, CommuneAncienne>(
      anciennes.map((a) => [
        a.insee,
        { insee: a.insee, nom: a.nom, communeActuelle: a.actuelle_insee ? { insee: a.actuelle_insee, nom: a.actuelle_nom ?? '' } : null },
      ]),
    );
    return { actuelle: (insee) => byCode.get(insee), ancienne: (insee) => formerByCode.get(insee) };
  }

  /** Tables holding a PVD's dossier: every table with a foreign key to pvd but the memberships. */
  private async dossierTablesOf(em: EntityManager): Promise<{ table: string; column: string }[]> {
    if (!this.dossierTables) {
      const rows: { table: string; column: string }[] = await em.query(
        `SELECT c.conrelid::regclass::text AS table, a.attname AS column
           FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
          WHERE c.contype = 'f' AND c.confrelid = 'pvd'::regclass
            AND c.conrelid::regclass::text NOT IN ('pvd_commune', 'pvd_commune_periode')`,
      );
      this.dossierTables = rows.filter((r) => /^[a-z_]+$/.test(r.table) && /^[a-z_]+$/.test(r.column));
    }
    return this.dossierTables;
  }

  /** The PVDs the file's communes belong to, and those it names, with their communes and dossier. */
  private async plannedPvds(em: EntityManager, records: PvdImportRecord[]): Promise<PlannedPvd[]> {
    const rows: { id: string; id_pvd: string; communes: (string | null)[] }[] = await em.query(
      `SELECT p.id, p.id_pvd, array_agg(pc.commune_insee ORDER BY c.population DESC NULLS LAST, c.insee) AS communes
         FROM pvd p LEFT JOIN pvd_commune pc ON pc.pvd_id = p.id LEFT JOIN commune c ON c.insee = pc.commune_insee
        WHERE p.id IN (SELECT pvd_id FROM pvd_commune WHERE commune_insee = ANY($1::varchar[])) OR p.id_pvd = ANY($2::varchar[])
        GROUP BY p.id`,
      [records.map((r) => r.insee), records.flatMap((r) => (r.idPvd ? [r.idPvd] : []))],
    );
    const ids = rows.map((r) => r.id);
    const tables = await this.dossierTablesOf(em);
    const withDossier = new Set<string>();
    for (const t of tables) {
      const found: { id: string }[] = await em.query(`SELECT DISTINCT ${t.column} AS id FROM ${t.table} WHERE ${t.column} = ANY($1::uuid[])`, [ids]);
      for (const f of found) withDossier.add(f.id);
    }
    // The commune holding the dossier: the chef de projet's employer, else the most populous.
    const employers: { pvd_id: string; code: string }[] = await em.query(
      `SELECT pvd_id, employeur_code AS code FROM poste WHERE pvd_id = ANY($1::uuid[]) AND employeur_type = 'commune' ORDER BY created_at`,
      [ids],
    );
    return rows.map((r) => {
      const communes = r.communes.filter((c): c is string => c !== null);
      const employer = employers.find((e) => e.pvd_id === r.id && communes.includes(e.code));
      return { pvdId: r.id, idPvd: r.id_pvd, communes, hasDossier: withDossier.has(r.id), dossierCommune: employer?.code ?? communes[0] ?? null };
    });
  }

  /** Writes the plan: renamed and created PVDs, dates, memberships and their periods, the audit log. */
  private async apply(
    em: EntityManager,
    analysis: Analysis,
    importId: string,
    dateEffet: string | null,
    actor: Actor,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const { plan, records } = analysis;
    const today = programmeToday();
    const audit: AuditEntry[] = [];
    const byPvd = new Map<string, PvdImportRecord[]>();
    for (const { record } of records) byPvd.set(record.idPvd as string, [...(byPvd.get(record.idPvd as string) ?? []), record]);

    // Set-based: one statement per kind of change, whatever the number of PVD (a national list is ~1,600).
    if (plan.renames.length > 0) {
      await em.query(
        `UPDATE pvd p SET id_pvd = r.id_pvd, version = p.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::varchar[]) AS r(id, id_pvd) WHERE p.id = r.id`,
        [plan.renames.map((r) => r.pvdId), plan.renames.map((r) => r.to)],
      );
    }
    for (const r of plan.renames) {
      audit.push({ action: 'pvd.rename', entityType: 'pvd', entityId: r.pvdId, before: { idPvd: r.from }, after: { idPvd: r.to } });
    }

    // EPCI of each PVD: the one its communes share in the référentiel, if they share one.
    const epciRows: { insee: string; epci_siren: string | null }[] = await em.query('SELECT insee, epci_siren FROM commune WHERE insee = ANY($1::varchar[])', [
      records.map((r) => r.record.insee),
    ]);
    const epciOf = new Map(epciRows.map((e) => [e.insee, e.epci_siren]));
    const existing: ExistingPvd[] = await em.query(
      'SELECT id, id_pvd, epci_siren, date_selection::text, date_convention_adhesion::text FROM pvd WHERE id_pvd = ANY($1::varchar[])',
      [[...byPvd.keys()]],
    );
    const pvdByIdPvd = new Map(existing.map((p) => [p.id_pvd, p]));
    const dateChanged = new Set<string>();
    const creations: { idPvd: string; epci: string | null; selection: string | null; date: string | null }[] = [];
    const updates: { id: string; date: string | null; epci: string | null; selection: string | null }[] = [];

    for (const [idPvd, members] of byPvd) {
      const epcis = new Set(members.map((m) => epciOf.get(m.insee) ?? null));
      const epci = epcis.size === 1 ? [...epcis][0] : null;
      const date = members.map((m) => m.dateSignature).find((d) => d) ?? null;
      const current = pvdByIdPvd.get(idPvd);
      if (!current) {
        const selection = dateEffet ?? members.map((m) => membershipStartDate(m.dateSignature, null, today)).sort()[0];
        creations.push({ idPvd, epci, selection, date });
      } else {
        // A file without dates never erases a known date.
        const newDate = date ?? current.date_convention_adhesion;
        const newSelection = current.date_selection ?? dateEffet;
        if (newDate !== current.date_convention_adhesion || epci !== current.epci_siren || newSelection !== current.date_selection) {
          updates.push({ id: current.id, date: newDate, epci, selection: newSelection });
          audit.push({
            action: 'pvd.update',
            entityType: 'pvd',
            entityId: current.id,
            before: { epciSiren: current.epci_siren, dateSelection: current.date_selection, dateConventionAdhesion: current.date_convention_adhesion },
            after: { epciSiren: epci, dateSelection: newSelection, dateConventionAdhesion: newDate },
          });
          if (newDate !== current.date_convention_adhesion || newSelection !== current.date_selection) dateChanged.add(idPvd);
        }
      }
    }
    if (creations.length > 0) {
      const rows: ExistingPvd[] = await em.query(
        `INSERT INTO pvd (id_pvd, epci_siren, date_selection, date_convention_adhesion)
         SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::date[])
         RETURNING id, id_pvd, epci_siren, date_selection::text, date_convention_adhesion::text`,
        [creations.map((c) => c.idPvd), creations.map((c) => c.epci), creations.map((c) => c.selection), creations.map((c) => c.date)],
      );
      for (const row of rows) pvdByIdPvd.set(row.id_pvd, row);
      for (const c of creations) {
        audit.push({
          action: 'pvd.create',
          entityType: 'pvd',
          entityId: (pvdByIdPvd.get(c.idPvd) as ExistingPvd).id,
          before: null,
          after: { idPvd: c.idPvd, epciSiren: c.epci, dateSelection: c.selection, dateConventionAdhesion: c.date, provisoire: isProvisionalPvdId(c.idPvd) },
        });
      }
    }
    if (updates.length > 0) {
      await em.query(
        `UPDATE pvd p SET date_convention_adhesion = u.date_adhesion, epci_siren = u.epci_siren, date_selection = u.date_selection,
                version = p.version + 1, updated_at = now()
           FROM unnest($1::uuid[], $2::date[], $3::varchar[], $4::date[]) AS u(id, date_adhesion, epci_siren, date_selection)
          WHERE p.id = u.id`,
        [updates.map((u) => u.id), updates.map((u) => u.date), updates.map((u) => u.epci), updates.map((u) => u.selection)],
      );
    }

    const recordOf = new Map(records.map((r) => [r.record.insee, r.record]));
    const openPeriods: { commune_insee: string; debut: string }[] = await em.query(
      'SELECT commune_insee, debut::text FROM pvd_commune_periode WHERE fin IS NULL AND commune_insee = ANY($1::varchar[])',
      [plan.lines.filter((l) => l.outcome === 'moved').map((l) => l.insee)],
    );
    const openSince = new Map(openPeriods.map((p) => [p.commune_insee, p.debut]));
    const idPvdOf = new Map<string, string>();
    for (const p of pvdByIdPvd.values()) idPvdOf.set(p.id, p.id_pvd);
    const add: { insee: string; pvdId: string; debut: string }[] = [];
    const move: { insee: string; pvdId: string; day: string }[] = [];
    let created = 0;
    let updated = 0;
    let unchanged = 0;
    for (const l of plan.lines) {
      if (l.outcome === 'blocked' || !recordOf.has(l.insee)) continue;
      const pvd = pvdByIdPvd.get(l.idPvd);
      if (!pvd) throw new Error(`PVD ${l.idPvd} was neither found nor created`);
      if (l.outcome === 'created') {
        const debut = membershipStartDate(recordOf.get(l.insee)?.dateSignature ?? null, dateEffet, today);
        add.push({ insee: l.insee, pvdId: pvd.id, debut });
        created++;
        audit.push({ action: 'pvd.commune.add', entityType: 'pvd', entityId: pvd.id, before: null, after: { commune: l.insee, idPvd: l.idPvd, debut } });
      } else if (l.outcome === 'moved') {
        const day = membershipChangeDate(dateEffet, today, openSince.get(l.insee) ?? '0000-01-01');
        move.push({ insee: l.insee, pvdId: pvd.id, day });
        updated++;
        const from = l.fromPvdId ?? '';
        audit.push({
          action: 'pvd.commune.move',
          entityType: 'pvd',
          entityId: pvd.id,
          before: { commune: l.insee, pvdId: from },
          after: { commune: l.insee, idPvd: l.idPvd, le: day },
        });
        audit.push({ action: 'pvd.commune.leave', entityType: 'pvd', entityId: from, before: { commune: l.insee }, after: { idPvd: l.idPvd, le: day } });
      } else if (dateChanged.has(l.idPvd)) updated++;
      else unchanged++;
    }
    if (add.length > 0) {
      await em.query('INSERT INTO pvd_commune (commune_insee, pvd_id) SELECT * FROM unnest($1::varchar[], $2::uuid[])', [add.map((m) => m.insee), add.map((m) => m.pvdId)]);
      await em.query(
        `INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, motif_debut, import_debut_id)
         SELECT insee, pvd_id, debut, 'selection', $4 FROM unnest($1::varchar[], $2::uuid[], $3::date[]) AS m(insee, pvd_id, debut)`,
        [add.map((m) => m.insee), add.map((m) => m.pvdId), add.map((m) => m.debut), importId],
      );
    }
    if (move.length > 0) {
      const params = [move.map((m) => m.insee), move.map((m) => m.pvdId), move.map((m) => m.day), importId];
      await em.query(
        `UPDATE pvd_commune pc SET pvd_id = v.pvd_id FROM unnest($1::varchar[], $2::uuid[]) AS v(insee, pvd_id) WHERE pc.commune_insee = v.insee`,
        params.slice(0, 2),
      );
      await em.query(
        `UPDATE pvd_commune_periode p SET fin = v.day, motif_fin = 'deplacement', import_fin_id = $4
           FROM unnest($1::varchar[], $2::uuid[], $3::date[]) AS v(insee, pvd_id, day) WHERE p.commune_insee = v.insee AND p.fin IS NULL`,
        params,
      );
      await em.query(
        `INSERT INTO pvd_commune_periode (commune_insee, pvd_id, debut, motif_debut, import_debut_id)
         SELECT insee, pvd_id, day, 'deplacement', $4 FROM unnest($1::varchar[], $2::uuid[], $3::date[]) AS v(insee, pvd_id, day)`,
        params,
      );
    }
    await this.audit.recordMany(em, actor, audit);
    return { created, updated, unchanged };
  }
}

function counts(a: Analysis): { totalLines: number; created: number; updated: number; unchanged: number; rejected: number } {
  const lines = a.plan.lines.filter((l) => l.outcome !== 'blocked');
  return {
    totalLines: a.totalLines,
    created: lines.filter((l) => l.outcome === 'created').length,
    updated: lines.filter((l) => l.outcome === 'moved').length,
    unchanged: lines.filter((l) => l.outcome === 'unchanged').length,
    rejected: a.rejected,
  };
}

function toSummary(
  row: Pick<PvdImport, 'id' | 'fileName' | 'format' | 'importedAt' | 'totalLines' | 'created' | 'updated' | 'unchanged' | 'rejected' | 'statut' | 'dateEffet' | 'fichierHash' | 'appliqueAt'>,
  importedBy: string | null,
): PvdImportSummaryDto {
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format as PvdImportSummaryDto['format'],
    importedAt: row.importedAt.toISOString(),
    importedBy,
    statut: row.statut,
    dateEffet: row.dateEffet,
    fichierHash: row.fichierHash,
    appliqueAt: row.appliqueAt ? row.appliqueAt.toISOString() : null,
    totalLines: row.totalLines,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
  };
}
