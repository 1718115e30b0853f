import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkFinancementRow,
  checkMissionRow,
  checkOperationRow,
  diffOperation,
  diffRecord,
  FINANCEMENT_FIELD_COLUMNS,
  IMPORT_COLUMNS,
  IMPORT_PARTENAIRE_TYPE_LABELS,
  IMPORT_PARTENAIRE_TYPES_DISPONIBLES,
  isBlankRow,
  isImportPartenaireType,
  matchHeader,
  mergeOperation,
  mergeRecord,
  MISSION_FIELD_COLUMNS,
  OPERATION_FIELD_COLUMNS,
  rejectDuplicates,
  roleCan,
  type FinancementImportRecord,
  type FinancementNature,
  type ImportChangement,
  type ImportPartenaireType,
  type ImportRejet,
  type ImportRow,
  type LineOutcome,
  type MissionImportRecord,
  type OperationImportRecord,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditEntry, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { AppError } from '../core/errors/app-error';
import { JobInterruptedError, timeSlice, yieldToEventLoop, type JobContext, type TimeSlice } from '../core/jobs/job-context';
import { JobsService } from '../core/jobs/jobs.service';
import { MetricsService } from '../core/metrics/metrics.service';
import { NotificationsService } from '../notifications/notifications.service';
import { notifyImportOutcome } from '../notifications/import-outcome';
import { todayInFrance } from '../core/time/today';
import { ImportLignesPageDto, ImportLignesQuery, ImportPartenaireDto, ImportPartenaireResumeDto, ImportPartenaireQuery } from './dto/import-partenaire.dto';
import { importFileError, readImportFile, type ImportTable } from './read-import-file';
import { TableRefused } from '../core/files/read-table';

/**
 * Lines written per statement (and per progress step), and audit rows per statement: few enough
 * that building a statement's parameters (arrays, JSON) holds the event loop a few milliseconds.
 */
const CHUNK = 2000;
const AUDIT_CHUNK = 1000;
/** Stored lines read (and locked) per statement, to compare with the file's. */
const LOAD_CHUNK = 2000;
/** The longest the import's own work runs on the event loop before letting requests through (ms). */
const SLICE_MS = 10;

/** The job that applies a recorded import (ADR 0008), one per import (its id as singleton key). */
export const IMPORT_PARTENAIRE_JOB = 'imports-partenaires.appliquer';
/** Retries after a failed run (a restart or a database error): the last run writes the failure on the import. */
const RETRY_LIMIT = 3;
/** Report lines shown with the import (its first errors and changes); the rest through GET /imports-partenaires/:id/lignes. */
const PAGE_SIZE = 50;

/** One reported line, as stored in `import_partenaire_ligne`. */
interface ReportLine {
  nature: 'erreur' | 'changement';
  ligne: number | null;
  colonne: string | null;
  motif: string | null;
  reference: string | null;
  champs: ImportChangement['champs'] | null;
}

/** Who imports: the partner organisation and, for habitat operations, the one funder it imports as. */
interface Owner {
  organisationId: string;
  financeurId: string | null;
}

/** How one kind of partner data is looked up, compared and written. */
interface Target<T extends { referenceExterne: string }> {
  table: 'ligne_financement' | 'mission' | 'operation_habitat';
  entityType: string;
  fieldColumns: Partial<Record<keyof T, string>>;
  /** The key a line is matched on, inside the partner's data. */
  keyOf(record: T): string;
  /** What checking the lines needs (looked up once for the whole file), as a check of one line. */
  checker(rows: ImportRow[], header: string[], owner: Owner): Promise<(row: ImportRow) => LineOutcome<T>>;
  /** The stored rows of these keys, by key, in the record's shape (and their id and PVD). */
  /** Read without locking: the rows that change are locked, and their version checked, before they are written (`lockUnchanged`). */
  load(em: EntityManager, records: T[], owner: Owner): Promise<Map<string, { id: string; version: number; record: T }>>;
  insert(em: EntityManager, records: T[], owner: Owner, importId: string, userId: string | null): Promise<string[]>;
  update(em: EntityManager, rows: { id: string; record: T }[], importId: string, userId: string | null): Promise<void>;
  /** The PVDs each change is audited in (one entry per PVD; none known: one entry outside any dossier). */
  auditPvds(em: EntityManager, changes: { record: T; before: T | null }[]): Promise<string[][]>;
  /** Field-level comparison and merge, when not the generic ones over `fieldColumns`. */
  diff?(current: T, next: T, columns: ReadonlySet<string>): ImportChangement['champs'];
  merge?(current: T, next: T, columns: ReadonlySet<string>): T;
}

type Row = Record<string, unknown>;

/**
 * Partners' bulk imports. The upload is read and its header checked at once (a file that cannot
 * be read is refused with its reason); the import is recorded with its file and a job on the
 * queue (ADR 0008), in one transaction. The job, in the API or a worker process, reads the file
 * again, checks every line, compares it with what the partner already sent (matched on its
 * reference) and applies the valid lines in one transaction, while the progress is written from
 * another connection. A run interrupted (restart, kill -9) committed nothing: the job runs again
 * from the stored file, so no line is ever written twice.
 */
@Injectable()
export class ImportsPartenairesService implements OnModuleInit {
  private readonly logger = new Logger(ImportsPartenairesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ importId: string }>(IMPORT_PARTENAIRE_JOB, (ctx) => this.applyJob(ctx), {
      label: 'Import partenaire',
      retryLimit: RETRY_LIMIT,
      retryDelaySeconds: this.config.nodeEnv === 'test' ? 0 : 30,
      retryBackoff: this.config.nodeEnv !== 'test',
      expireInSeconds: 30 * 60,
      policy: 'stately',
    });
  }

  /** The partner organisation the user imports for. */
  organisationOf(user: CurrentUser): string {
    const m = user.memberships.find((x) => x.organisationType === 'partenaire' && roleCan(x.role, 'financement:saisir'));
    if (!m) throw new AppError('FORBIDDEN', 'Seuls les partenaires importent leurs données.');
    return m.organisationId;
  }

  private organisationIds(user: CurrentUser): string[] {
    return user.memberships.filter((x) => x.organisationType === 'partenaire').map((x) => x.organisationId);
  }

  async start(user: CurrentUser, actor: Actor, type: string | undefined, fileName: string, buffer: Buffer): Promise<ImportPartenaireResumeDto> {
    if (!isImportPartenaireType(type)) throw new AppError('IMPORT_TYPE_UNKNOWN', `Type d’import inconnu : choisissez ${IMPORT_PARTENAIRE_TYPES_DISPONIBLES.join(' ou ')}.`, { type: ['Choisissez le type de données importées.'] });
    if (!IMPORT_PARTENAIRE_TYPES_DISPONIBLES.includes(type)) throw new AppError('IMPORT_TYPE_UNKNOWN', `L’import « ${IMPORT_PARTENAIRE_TYPE_LABELS[type]} » n’est pas encore disponible.`, { type: ['Type d’import pas encore disponible.'] });
    const organisationId = this.organisationOf(user);
    // A partner with no funder, or several, cannot import operations: refused before anything is recorded.
    if (type === 'operations') await this.financeurOf(organisationId);
    // Read at once (within the limits), so that a file that cannot be imported is refused with its reason.
    const rows = dataRows(type, await readImportFile(buffer, this.config.importLimits));

    // The import, its file and its job exist together or not at all.
    const id = await this.dataSource.transaction(async (em) => {
      const [created] = await em.query(
        `INSERT INTO import_partenaire (type, organisation_id, nom_fichier, total_lignes, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [type, organisationId, fileName.slice(0, 255), rows.rows.length, actor.id],
      );
      await em.query('INSERT INTO import_partenaire_fichier (import_id, contenu) VALUES ($1, $2)', [created.id, buffer]);
      await this.jobs.send(IMPORT_PARTENAIRE_JOB, { importId: created.id }, { em, singletonKey: created.id });
      return created.id as string;
    });
    this.jobs.notify(IMPORT_PARTENAIRE_JOB);
    return this.summary(id);
  }

  /**
   * The job: applies a recorded import from its stored file. A duplicate delivery of an import
   * already applied, or whose file was refused, does nothing. A run that fails for another
   * reason is retried (from scratch: the failed run committed nothing); the last one writes the
   * failure on the import.
   */
  async applyJob(ctx: JobContext<{ importId: string }>): Promise<object> {
    const id = ctx.data.importId;
    const [row]: { statut: string }[] = await this.dataSource.query('SELECT statut FROM import_partenaire WHERE id = $1', [id]);
    if (!row || row.statut === 'termine') return { importId: id, ignore: true };
    const [file]: { contenu: Buffer }[] = await this.dataSource.query('SELECT contenu FROM import_partenaire_fichier WHERE import_id = $1', [id]);
    if (!file) return { importId: id, ignore: true };
    await this.processFile(id, file.contenu, ctx);
    const [done] = await this.dataSource.query('SELECT statut, crees, mis_a_jour, inchanges, rejetes, erreur FROM import_partenaire WHERE id = $1', [id]);
    return { importId: id, ...done };
  }

  /**
   * Processes an import already recorded (`en_attente`) from its file: reads it within the
   * limits, checks and applies its lines, writes its report, and deletes the stored file with
   * the last write. Called alone, never throws: a file refused or a failure is written on the
   * import. Within a job (`ctx`), it yields to the event loop between chunks, stops when the job
   * is interrupted, and throws a failure while retries remain (the import waits for them).
   */
  async processFile(id: string, buffer: Buffer, ctx?: JobContext<{ importId: string }>): Promise<void> {
    const startedAt = Date.now();
    let type = 'inconnu';
    try {
      const [row]: { type: ImportPartenaireType; organisation_id: string; created_by: string | null; email: string | null }[] = await this.dataSource.query(
        `SELECT i.type, i.organisation_id, i.created_by, u.email FROM import_partenaire i LEFT JOIN app_user u ON u.id = i.created_by WHERE i.id = $1`,
        [id],
      );
      if (!row) throw new AppError('IMPORT_NOT_FOUND', 'Import introuvable.');
      type = row.type;
      const owner: Owner = { organisationId: row.organisation_id, financeurId: row.type === 'operations' ? await this.financeurOf(row.organisation_id) : null };
      const phases = new Phases();
      const rows = dataRows(row.type, await readImportFile(buffer, this.config.importLimits));
      phases.mark('read');
      await this.dataSource.query('UPDATE import_partenaire SET total_lignes = $2 WHERE id = $1', [id, rows.rows.length]);
      await this.run(id, row.type, owner, { id: row.created_by, label: row.email ?? 'import partenaire' }, rows.header, rows.rows, phases, ctx);
      this.metrics.observeImport('partenaire', type, 'completed', startedAt);
      this.logger.log({ importId: id, type, lines: rows.rows.length, ms: phases.durations }, 'partner import applied');
    } catch (error) {
      const refused = error instanceof TableRefused || (error instanceof AppError && error.fields);
      const interrupted = error instanceof JobInterruptedError || Boolean(ctx?.signal.aborted);
      this.metrics.observeImport('partenaire', type, refused ? 'refused' : interrupted ? 'interrupted' : 'failed', startedAt);
      if (ctx && !refused && (error instanceof JobInterruptedError || ctx.signal.aborted || ctx.attempt <= RETRY_LIMIT)) {
        // Run again by the queue: the import waits, as it was.
        if (!(error instanceof JobInterruptedError)) this.logger.warn({ err: error, importId: id, attempt: ctx.attempt }, 'partner import failed, will be retried');
        await this.dataSource.query(`UPDATE import_partenaire SET statut = 'en_attente', lignes_traitees = 0 WHERE id = $1 AND statut = 'en_cours'`, [id]).catch(() => undefined);
        throw error;
      }
      await this.fail(id, error);
      // A refused file will not be read again; a file that failed otherwise is kept, for a retry from the jobs page.
      if (refused) await this.dataSource.query('DELETE FROM import_partenaire_fichier WHERE import_id = $1', [id]).catch(() => undefined);
      if (ctx && !refused) throw error;
    }
  }

  /** Marks an import failed: with the refusal's message when the file was refused, a generic one otherwise (and logged). */
  private async fail(id: string, error: unknown): Promise<void> {
    const refused = error instanceof TableRefused ? importFileError(error) : error;
    const message =
      refused instanceof AppError && refused.fields
        ? refused.message
        : 'L’import a échoué à l’enregistrement : aucune ligne n’a été enregistrée. Réessayez ; si l’erreur persiste, contactez le support.';
    if (!(refused instanceof AppError && refused.fields)) this.logger.error({ err: error, importId: id }, 'partner import failed');
    await this.dataSource
      .transaction(async (em) => {
        await em.query(`UPDATE import_partenaire SET statut = 'echoue', termine_le = now(), erreur = $2 WHERE id = $1`, [id, message]);
        await this.notifyOutcome(em, id, message);
      })
      .catch((e: unknown) => this.logger.error({ err: e, importId: id }, 'could not record the failure of a partner import'));
  }

  /** Tells the person who started the import that it finished (`failure` null) or failed, in the transaction of the outcome. */
  private notifyOutcome(em: EntityManager, id: string, failure: string | null): Promise<void> {
    return notifyImportOutcome(this.notifications, em, 'partenaire', id, failure);
  }


  /**
   * The funder a partner imports its habitat operations as: the one (active) funder linked to its
   * organisation. With none, or several, the file is refused: the operations would not know whose they are.
   */
  private async financeurOf(organisationId: string): Promise<string> {
    const rows: { id: string; nom: string }[] = await this.dataSource.query('SELECT id, nom FROM financeur WHERE organisation_id = $1 AND actif ORDER BY nom', [organisationId]);
    if (rows.length === 1) return rows[0].id;
    const message =
      rows.length === 0
        ? 'Votre organisation n’est rattachée à aucun financeur : les opérations habitat s’importent au nom d’un financeur. Demandez à l’ANCT de rattacher votre organisation à son financeur.'
        : `Votre organisation est rattachée à plusieurs financeurs (${rows.map((r) => r.nom).join(', ')}) : l’import des opérations habitat ne sait pas au nom duquel les enregistrer. Demandez à l’ANCT de ne rattacher votre organisation qu’au financeur des opérations.`;
    throw new AppError('IMPORT_FILE_INVALID', message, { type: [message] });
  }

  private async progress(id: string, done: number): Promise<void> {
    await this.dataSource.query('UPDATE import_partenaire SET lignes_traitees = $2 WHERE id = $1', [id, done]);
  }

  private async run(id: string, type: ImportPartenaireType, owner: Owner, actor: Actor, header: string[], rows: ImportRow[], phases: Phases, ctx?: JobContext<{ importId: string }>): Promise<void> {
    await this.dataSource.query(`UPDATE import_partenaire SET statut = 'en_cours', lignes_traitees = 0, erreur = NULL WHERE id = $1`, [id]);
    const pause = ctx ? () => ctx.pause() : yieldToEventLoop;
    if (type === 'financements') await this.process(id, owner, actor, header, rows, this.financements, pause, phases);
    else if (type === 'missions') await this.process(id, owner, actor, header, rows, this.missions, pause, phases);
    else await this.process(id, owner, actor, header, rows, this.operations, pause, phases);
  }

  /** Checks the lines (what they refer to looked up once), with a turn of the event loop every few milliseconds. */
  private async checkLines<T extends { referenceExterne: string }>(target: Target<T>, rows: ImportRow[], header: string[], owner: Owner, slice: TimeSlice): Promise<LineOutcome<T>[]> {
    const check = await target.checker(rows, header, owner);
    const outcomes: LineOutcome<T>[] = [];
    for (const row of rows) {
      outcomes.push(check(row));
      if (slice.due()) await slice.pause();
    }
    return outcomes;
  }

  private async process<T extends { referenceExterne: string }>(
    id: string,
    owner: Owner,
    actor: Actor,
    header: string[],
    rows: ImportRow[],
    target: Target<T>,
    pause: () => Promise<void>,
    phases: Phases,
  ): Promise<void> {
    const { organisationId } = owner;
    const slice = timeSlice(pause, SLICE_MS);
    const diff = target.diff ?? ((current: T, next: T, columns: ReadonlySet<string>) => diffRecord(current, next, target.fieldColumns, columns));
    const merge = target.merge ?? ((current: T, next: T, columns: ReadonlySet<string>) => mergeRecord(current, next, target.fieldColumns, columns));
    // Each record says where its data comes from: the file's `source` and `date_source`, else the partner and the file, as of the import's day.
    const stamp = await this.sourceStamp(id);
    const checked = await this.checkLines(target, rows, header, owner, slice);
    await slice.pause();
    const outcomes = rejectDuplicates(checked, target.keyOf, (r) => r.referenceExterne);
    await slice.pause();
    const rejets: ImportRejet[] = [];
    const accepted: (LineOutcome<T> & { ok: true })[] = [];
    for (const o of outcomes) {
      if (o.ok) accepted.push({ ...o, record: withSource(o.record, stamp) });
      else for (const r of o.rejets) rejets.push(r);
      if (slice.due()) await slice.pause();
    }
    const rejetes = outcomes.length - accepted.length;
    const totalLignes = outcomes.length;
    phases.mark('check');

    await this.dataSource.transaction(async (em) => {
      // One import at a time per partner: two would race on the same references.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import-partenaire:${organisationId}`]);
      const creates: T[] = [];
      const updates: { id: string; version: number; record: T; before: T }[] = [];
      const changements: (ImportChangement & { ligne: number })[] = [];
      // The stored rows a chunk at a time (locked, compared): a chunk's rows are few enough to turn into records between two turns.
      for (let i = 0; i < accepted.length; i += LOAD_CHUNK) {
        const chunk = accepted.slice(i, i + LOAD_CHUNK);
        const existing = await target.load(em, chunk.map((a) => a.record), owner);
        for (const a of chunk) {
          if (slice.due()) await slice.pause();
          const current = existing.get(target.keyOf(a.record));
          if (!current) {
            creates.push(a.record);
            continue;
          }
          const champs = diff(current.record, a.record, a.colonnes);
          if (champs.length === 0) continue;
          const merged = merge(current.record, a.record, a.colonnes);
          // A changed record is as of this import, even when the file has no source columns.
          if (hasSource(merged) && hasSource(a.record)) {
            if (!a.colonnes.has('source')) merged.source = a.record.source;
            if (!a.colonnes.has('date_source')) merged.dateSource = a.record.dateSource;
          }
          updates.push({ id: current.id, version: current.version, record: merged, before: current.record });
          changements.push({ ligne: a.ligne, reference: a.record.referenceExterne, champs });
        }
      }
      let done = rejetes + accepted.length - creates.length - updates.length;
      await this.progress(id, done);
      phases.mark('compare');

      const userId = actor.id;
      // One entry per PVD the record concerns, so that it shows in each dossier's history; written with each chunk.
      const audit = async (action: string, entries: { id: string; pvds: string[]; before: T | null; after: T }[]) => {
        const rows: AuditEntry[] = [];
        for (const e of entries) {
          for (const pvdId of e.pvds.length > 0 ? e.pvds : [null]) rows.push({ action, entityType: target.entityType, entityId: e.id, pvdId, before: e.before, after: { ...e.after, importId: id } });
        }
        await this.audit.recordMany(em, actor, rows, AUDIT_CHUNK);
      };
      for (let i = 0; i < creates.length; i += CHUNK) {
        const chunk = creates.slice(i, i + CHUNK);
        const ids = await target.insert(em, chunk, owner, id, userId);
        const pvds = await target.auditPvds(em, chunk.map((r) => ({ record: r, before: null })));
        await audit(`${target.entityType}.importee`, chunk.map((r, k) => ({ id: ids[k], pvds: pvds[k], before: null, after: r })));
        done += chunk.length;
        await this.progress(id, done);
        await slice.pause();
      }
      for (let i = 0; i < updates.length; i += CHUNK) {
        const chunk = updates.slice(i, i + CHUNK);
        await this.lockUnchanged(em, target.table, chunk);
        await target.update(em, chunk, id, userId);
        const pvds = await target.auditPvds(em, chunk);
        await audit(`${target.entityType}.modifiee`, chunk.map((u, k) => ({ id: u.id, pvds: pvds[k], before: u.before, after: u.record })));
        done += chunk.length;
        await this.progress(id, done);
        await slice.pause();
      }
      phases.mark('write');
      const counts = { crees: creates.length, misAJour: updates.length, inchanges: accepted.length - creates.length - updates.length, rejetes };
      await this.audit.record(em, actor, { action: 'import_partenaire.termine', entityType: 'import_partenaire', entityId: id, before: null, after: { organisationId, totalLignes, ...counts } });
      await this.writeReport(
        em,
        id,
        [
          ...rejets.map((r): ReportLine => ({ nature: 'erreur', ligne: r.ligne, colonne: r.colonne, motif: r.motif, reference: null, champs: null })),
          ...changements.map((c): ReportLine => ({ nature: 'changement', ligne: c.ligne, colonne: null, motif: null, reference: c.reference, champs: c.champs })),
        ],
        slice,
      );
      phases.mark('report');
      // Last chance to stop before the commit: an interrupted run leaves nothing written.
      await pause();
      await em.query(
        `UPDATE import_partenaire SET statut = 'termine', termine_le = now(), lignes_traitees = total_lignes,
                crees = $2, mis_a_jour = $3, inchanges = $4, rejetes = $5, rejets_total = $6, changements_total = $7
          WHERE id = $1`,
        [id, counts.crees, counts.misAJour, counts.inchanges, counts.rejetes, rejets.length, changements.length],
      );
      // Applied: the file is no longer needed (deleted with the last write, so a re-run finds the import done).
      await em.query('DELETE FROM import_partenaire_fichier WHERE import_id = $1', [id]);
      await this.notifyOutcome(em, id, null);
    });
    phases.mark('commit');
  }

  /**
   * Locks the rows about to be updated, as they were read: the stored rows are compared without
   * locks (an unchanged line, most of a re-import, locks nothing), so a row edited meanwhile (its
   * version moved) fails the run, which the queue runs again from the file (nothing was committed).
   */
  private async lockUnchanged(em: EntityManager, table: Target<{ referenceExterne: string }>['table'], rows: { id: string; version: number }[]): Promise<void> {
    const locked: unknown[] = await em.query(
      `SELECT t.id FROM ${table} t JOIN unnest($1::uuid[], $2::int[]) AS x(id, version) ON t.id = x.id AND t.version = x.version FOR UPDATE OF t`,
      [rows.map((r) => r.id), rows.map((r) => r.version)],
    );
    if (locked.length !== rows.length) throw new Error(`${rows.length - locked.length} ${table} rows changed during the import`);
  }

  /** The source written on records whose file does not give one: « partner — file », as of the import's day (French calendar). */
  private async sourceStamp(id: string): Promise<{ source: string; dateSource: string }> {
    const [row]: { nom: string; nom_fichier: string; jour: string }[] = await this.dataSource.query(
      `SELECT o.nom, i.nom_fichier, (i.created_at AT TIME ZONE 'Europe/Paris')::date::text AS jour
         FROM import_partenaire i JOIN organisation o ON o.id = i.organisation_id WHERE i.id = $1`,
      [id],
    );
    return { source: `${row.nom} — ${row.nom_fichier}`.slice(0, 1000), dateSource: row.jour };
  }

  /** Stores a report of any size, one row per reported line, a chunk per statement. */
  private async writeReport(em: EntityManager, id: string, lines: ReportLine[], slice: TimeSlice): Promise<void> {
    for (let i = 0; i < lines.length; i += CHUNK) {
      if (slice.due()) await slice.pause();
      const chunk = lines.slice(i, i + CHUNK);
      await em.query(
        `INSERT INTO import_partenaire_ligne (import_id, numero, nature, ligne, colonne, motif, reference, champs)
         SELECT $1, n + $2, nature, l, c, m, r, ch
           FROM unnest($3::varchar[], $4::int[], $5::varchar[], $6::text[], $7::text[], $8::jsonb[]) WITH ORDINALITY AS x(nature, l, c, m, r, ch, n)`,
        [
          id,
          i,
          chunk.map((l) => l.nature),
          chunk.map((l) => l.ligne),
          chunk.map((l) => l.colonne?.slice(0, 100) ?? null),
          chunk.map((l) => l.motif),
          chunk.map((l) => l.reference),
          chunk.map((l) => (l.champs === null ? null : JSON.stringify(l.champs))),
        ],
      );
    }
  }

  // ─── Financing lines ───────────────────────────────────────────────────────

  private readonly financements: Target<FinancementImportRecord> = {
    table: 'ligne_financement',
    entityType: 'ligne_financement',
    fieldColumns: FINANCEMENT_FIELD_COLUMNS,
    keyOf: (r) => `${r.dispositifId}|${r.referenceExterne}`,
    checker: async (rows, header, { organisationId }) => {
      const match = matchHeader(header, IMPORT_COLUMNS.financements);
      const dispositifs: { id: string; code: string; nom: string; nature: FinancementNature; organisation_id: string | null; compte_logements: boolean; compte_dossiers: boolean }[] =
        await this.dataSource.query('SELECT d.id, d.code, d.nom, d.nature, f.organisation_id, d.compte_logements, d.compte_dossiers FROM dispositif d JOIN financeur f ON f.id = d.financeur_id');
      const byCode = new Map(
        dispositifs.map((d) => [
          d.code.toLowerCase(),
          { id: d.id, code: d.code, nom: d.nom, nature: d.nature, mine: d.organisation_id === organisationId, compteLogements: d.compte_logements, compteDossiers: d.compte_dossiers },
        ]),
      );
      const i = match.index.get('beneficiaire') ?? -1;
      const codes = [...new Set(rows.map((r) => (r.cells[i] ?? '').replace(/\s/g, '')))];
      const padded = codes.map((c) => (/^\d{4}$/.test(c) ? `0${c}` : c.toUpperCase()));
      const communes = new Set<string>((await this.dataSource.query('SELECT insee FROM commune WHERE insee = ANY($1::varchar[])', [padded])).map((c: { insee: string }) => c.insee));
      const epcis = new Set<string>((await this.dataSource.query('SELECT siren FROM epci WHERE siren = ANY($1::varchar[])', [codes.filter((c) => /^\d{9}$/.test(c))])).map((e: { siren: string }) => e.siren));
      const lookup = { dispositif: (code: string) => byCode.get(code), communeExists: (c: string) => communes.has(c), epciExists: (s: string) => epcis.has(s) };
      return (row) => checkFinancementRow(row, match, lookup);
    },
    load: async (em, records) => {
      const rows: Row[] = await em.query(
        `SELECT l.id, l.version, l.reference_externe, l.dispositif_id, l.beneficiaire_type, l.beneficiaire_code, l.projet, l.montant::text, l.statut,
                l.date_demande::text, l.date_engagement::text, l.date_contractualisation::text, l.date_versement::text, l.annee_campagne,
                l.source, l.date_source::text, l.logements, l.dossiers
           FROM ligne_financement l
           JOIN unnest($1::uuid[], $2::text[]) AS k(dispositif_id, reference) ON l.dispositif_id = k.dispositif_id AND l.reference_externe = k.reference`,
        [records.map((r) => r.dispositifId), records.map((r) => r.referenceExterne)],
      );
      return new Map(
        rows.map((r) => {
          const record: FinancementImportRecord = {
            referenceExterne: r.reference_externe as string,
            dispositifId: r.dispositif_id as string,
            beneficiaireType: r.beneficiaire_type as 'commune' | 'epci',
            beneficiaireCode: r.beneficiaire_code as string,
            projet: r.projet as string,
            montant: Number(r.montant),
            statut: r.statut as FinancementImportRecord['statut'],
            dateDemande: r.date_demande as string | null,
            dateEngagement: r.date_engagement as string | null,
            dateContractualisation: r.date_contractualisation as string | null,
            dateVersement: r.date_versement as string | null,
            anneeCampagne: r.annee_campagne as number | null,
            source: r.source as string | null,
            dateSource: r.date_source as string | null,
            logements: r.logements as number | null,
            dossiers: r.dossiers as number | null,
          };
          return [`${record.dispositifId}|${record.referenceExterne}`, { id: r.id as string, version: Number(r.version), record }];
        }),
      );
    },
    insert: async (em, records, _organisationId, importId, userId) => {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO ligne_financement (reference_externe, dispositif_id, beneficiaire_type, beneficiaire_code, projet, montant, statut, date_demande, date_engagement,
                date_contractualisation, date_versement, annee_campagne, source, date_source, logements, dossiers, import_id, updated_by)
         SELECT r, d, bt, bc, p, m, s, dd, de, dc, dv, a, src, ds, lg, ds2, $17, $18
           FROM unnest($1::text[], $2::uuid[], $3::varchar[], $4::varchar[], $5::text[], $6::bigint[], $7::varchar[], $8::date[], $9::date[], $10::date[], $11::date[],
                       $12::int[], $13::text[], $14::date[], $15::int[], $16::int[]) WITH ORDINALITY AS x(r, d, bt, bc, p, m, s, dd, de, dc, dv, a, src, ds, lg, ds2, n)
          ORDER BY n
         RETURNING id`,
        [...financementColumns(records), importId, userId],
      );
      return rows.map((r) => r.id);
    },
    update: async (em, rows, importId, userId) => {
      await em.query(
        `UPDATE ligne_financement l
            SET beneficiaire_type = x.bt, beneficiaire_code = x.bc, projet = x.p, montant = x.m, statut = x.s, date_demande = x.dd, date_engagement = x.de,
                date_contractualisation = x.dc, date_versement = x.dv, annee_campagne = x.a, source = x.src, date_source = x.ds, logements = x.lg, dossiers = x.ds2,
                import_id = $18, updated_by = $19, updated_at = now(), version = l.version + 1
           FROM unnest($1::text[], $2::uuid[], $3::varchar[], $4::varchar[], $5::text[], $6::bigint[], $7::varchar[], $8::date[], $9::date[], $10::date[], $11::date[],
                       $12::int[], $13::text[], $14::date[], $15::int[], $16::int[], $17::uuid[]) AS x(r, d, bt, bc, p, m, s, dd, de, dc, dv, a, src, ds, lg, ds2, id)
          WHERE l.id = x.id`,
        [...financementColumns(rows.map((r) => r.record)), rows.map((r) => r.id), importId, userId],
      );
    },
    auditPvds: async (em, changes) =>
      (await this.pvdOfBeneficiaires(em, changes.map(({ record: r }) => ({ type: r.beneficiaireType, code: r.beneficiaireCode })))).map((p) => (p ? [p] : [])),
  };

  /** The PVD of each beneficiary: the commune's, or the one PVD of an EPCI. */
  private async pvdOfBeneficiaires(em: EntityManager, beneficiaires: { type: 'commune' | 'epci'; code: string }[]): Promise<(string | null)[]> {
    const communes = [...new Set(beneficiaires.filter((b) => b.type === 'commune').map((b) => b.code))];
    const epcis = [...new Set(beneficiaires.filter((b) => b.type === 'epci').map((b) => b.code))];
    const byCommune = new Map<string, string>(
      (await em.query('SELECT commune_insee, pvd_id FROM pvd_commune WHERE commune_insee = ANY($1::varchar[])', [communes])).map((r: { commune_insee: string; pvd_id: string }) => [r.commune_insee, r.pvd_id]),
    );
    const byEpci = new Map<string, string>(
      (await em.query('SELECT epci_siren, min(id::text) AS id FROM pvd WHERE epci_siren = ANY($1::varchar[]) GROUP BY epci_siren HAVING count(*) = 1', [epcis])).map((r: { epci_siren: string; id: string }) => [r.epci_siren, r.id]),
    );
    return beneficiaires.map((b) => (b.type === 'commune' ? byCommune.get(b.code) : byEpci.get(b.code)) ?? null);
  }

  // ─── Missions ──────────────────────────────────────────────────────────────

  private readonly missions: Target<MissionImportRecord> = {
    table: 'mission',
    entityType: 'mission',
    fieldColumns: MISSION_FIELD_COLUMNS,
    keyOf: (r) => r.referenceExterne,
    checker: async (rows, header) => {
      const match = matchHeader(header, IMPORT_COLUMNS.missions);
      const i = match.index.get('commune') ?? -1;
      const codes = [...new Set(rows.map((r) => (r.cells[i] ?? '').trim()).map((c) => (/^\d{4}$/.test(c) ? `0${c}` : c.toUpperCase())))];
      const pvdOf = new Map<string, string>(
        (await this.dataSource.query('SELECT commune_insee, pvd_id FROM pvd_commune WHERE commune_insee = ANY($1::varchar[])', [codes])).map((r: { commune_insee: string; pvd_id: string }) => [r.commune_insee, r.pvd_id]),
      );
      const aujourdhui = todayInFrance();
      return (row) => checkMissionRow(row, match, { pvdOfCommune: (insee) => pvdOf.get(insee), aujourdhui });
    },
    load: async (em, records, { organisationId }) => {
      const rows: Row[] = await em.query(
        `SELECT m.id, m.version, m.reference_externe, m.pvd_id, m.nature, m.intitule, m.prestataire, m.montant_engage::text, m.montant_verse::text,
                m.date_demande::text, m.date_debut::text, m.date_fin::text, m.statut, m.date_engagement::text, m.source, m.date_source::text
           FROM mission m JOIN financeur f ON f.id = m.financeur_id
          WHERE f.organisation_id = $1 AND m.reference_externe = ANY($2::text[])`,
        [organisationId, records.map((r) => r.referenceExterne)],
      );
      return new Map(
        rows.map((r) => {
          const record: MissionImportRecord = {
            referenceExterne: r.reference_externe as string,
            pvdId: r.pvd_id as string,
            nature: r.nature as MissionImportRecord['nature'],
            intitule: r.intitule as string,
            prestataire: r.prestataire as string | null,
            montantEngage: r.montant_engage === null ? null : Number(r.montant_engage),
            montantVerse: r.montant_verse === null ? null : Number(r.montant_verse),
            dateDemande: r.date_demande as string | null,
            dateDebut: r.date_debut as string | null,
            dateFin: r.date_fin as string | null,
            statut: r.statut as MissionImportRecord['statut'],
            dateEngagement: r.date_engagement as string | null,
            source: r.source as string | null,
            dateSource: r.date_source as string | null,
          };
          return [record.referenceExterne, { id: r.id as string, version: Number(r.version), record }];
        }),
      );
    },
    insert: async (em, records, { organisationId }, _importId, userId) => {
      const [financeur] = await em.query('SELECT id FROM financeur WHERE organisation_id = $1 ORDER BY code LIMIT 1', [organisationId]);
      if (!financeur) throw new AppError('FORBIDDEN', 'Votre organisation n’est rattachée à aucun financeur.');
      const rows: { id: string }[] = await em.query(
        `INSERT INTO mission (reference_externe, pvd_id, nature, intitule, prestataire, montant_engage, montant_verse, date_demande, date_debut, date_fin, statut,
                             date_engagement, source, date_source, financeur_id, updated_by)
         SELECT r, p, n, i, pr, me, mv, dd, db, df, s, de, src, dsrc, $15, $16
           FROM unnest($1::text[], $2::uuid[], $3::varchar[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::date[], $9::date[], $10::date[], $11::varchar[],
                       $12::date[], $13::text[], $14::date[])
                WITH ORDINALITY AS x(r, p, n, i, pr, me, mv, dd, db, df, s, de, src, dsrc, k)
          ORDER BY k
         RETURNING id`,
        [...missionColumns(records), financeur.id, userId],
      );
      return rows.map((r) => r.id);
    },
    update: async (em, rows, _importId, userId) => {
      await em.query(
        `UPDATE mission m
            SET pvd_id = x.p, nature = x.n, intitule = x.i, prestataire = x.pr, montant_engage = x.me, montant_verse = x.mv, date_demande = x.dd,
                date_debut = x.db, date_fin = x.df, statut = x.s, date_engagement = x.de, source = x.src, date_source = x.dsrc,
                updated_by = $16, updated_at = now(), version = m.version + 1
           FROM unnest($1::text[], $2::uuid[], $3::varchar[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::date[], $9::date[], $10::date[], $11::varchar[],
                       $12::date[], $13::text[], $14::date[], $15::uuid[])
                AS x(r, p, n, i, pr, me, mv, dd, db, df, s, de, src, dsrc, id)
          WHERE m.id = x.id`,
        [...missionColumns(rows.map((r) => r.record)), rows.map((r) => r.id), userId],
      );
    },
    auditPvds: async (_em, changes) => changes.map(({ record }) => [record.pvdId]),
  };

  // ─── Habitat operations ────────────────────────────────────────────────────

  /**
   * Operations the partner's funder maintains, matched on (funder, reference): any communes of
   * France; an operation keeps its id when its communes change.
   */
  private readonly operations: Target<OperationImportRecord> = {
    table: 'operation_habitat',
    entityType: 'operation_habitat',
    fieldColumns: OPERATION_FIELD_COLUMNS,
    keyOf: (r) => r.referenceExterne,
    diff: diffOperation,
    merge: mergeOperation,
    checker: async (rows, header) => {
      const match = matchHeader(header, IMPORT_COLUMNS.operations);
      const cells = (column: string) => rows.map((r) => r.cells[match.index.get(column) ?? -1] ?? '');
      const codes = [...new Set([...cells('communes'), ...cells('maitre_ouvrage')].flatMap((c) => c.split(/[,;\s\u00a0\u202f]+/)).filter(Boolean))];
      const insees = codes.map((c) => (/^\d{4}$/.test(c) ? `0${c}` : c.toUpperCase()));
      const sirens = [...new Set(cells('maitre_ouvrage').map((c) => c.replace(/[\s\u00a0\u202f]/g, '')).filter((c) => /^\d{9}$/.test(c)))];
      const stored: { insee: string; epci_siren: string | null; population: number | null }[] = await this.dataSource.query(
        'SELECT insee, epci_siren, population FROM commune WHERE insee = ANY($1::varchar[])',
        [insees],
      );
      const epciOf = new Map(stored.map((c) => [c.insee, c.epci_siren]));
      const populationOf = new Map(stored.map((c) => [c.insee, c.population]));
      const anciennes = new Map<string, { nom: string; communeActuelle: string | null }>(
        (await this.dataSource.query('SELECT insee, nom, commune_actuelle_insee FROM commune_ancienne WHERE insee = ANY($1::varchar[])', [insees])).map(
          (c: { insee: string; nom: string; commune_actuelle_insee: string | null }) => [c.insee, { nom: c.nom, communeActuelle: c.commune_actuelle_insee }],
        ),
      );
      const epcis = new Set<string>((await this.dataSource.query('SELECT siren FROM epci WHERE siren = ANY($1::varchar[])', [sirens])).map((e: { siren: string }) => e.siren));
      const lookup = {
        communeExists: (c: string) => epciOf.has(c),
        communeAncienne: (c: string) => anciennes.get(c),
        epciExists: (s: string) => epcis.has(s),
        epciOf: (c: string) => epciOf.get(c) ?? null,
        population: (c: string) => populationOf.get(c) ?? null,
      };
      return (row) => checkOperationRow(row, match, lookup);
    },
    load: async (em, records, { financeurId }) => {
      const rows: Row[] = await em.query(
        `SELECT o.id, o.version, o.reference_externe, o.type, o.libelle, o.maitre_ouvrage_type, o.maitre_ouvrage_code, o.operateur, o.phase, o.date_debut::text, o.date_fin::text,
                o.engagement_anah::text, o.engagement_collectivite::text, o.objectifs, o.source, o.date_source::text,
                ARRAY(SELECT c.commune_insee FROM operation_habitat_commune c WHERE c.operation_id = o.id ORDER BY c.commune_insee)::text[] AS communes
           FROM operation_habitat o
          WHERE o.financeur_id = $1 AND o.reference_externe = ANY($2::text[])`,
        [financeurId, records.map((r) => r.referenceExterne)],
      );
      const cents = (v: unknown) => (v === null ? null : Number(v));
      return new Map(
        rows.map((r) => {
          const record: OperationImportRecord = {
            referenceExterne: r.reference_externe as string,
            type: r.type as OperationImportRecord['type'],
            libelle: r.libelle as string,
            maitreOuvrageType: r.maitre_ouvrage_type as 'commune' | 'epci',
            maitreOuvrageCode: r.maitre_ouvrage_code as string,
            operateur: r.operateur as string | null,
            phase: r.phase as OperationImportRecord['phase'],
            dateDebut: r.date_debut as string | null,
            dateFin: r.date_fin as string | null,
            communes: r.communes as string[],
            engagementAnah: cents(r.engagement_anah),
            engagementCollectivite: cents(r.engagement_collectivite),
            objectifs: [...(r.objectifs as OperationImportRecord['objectifs'])]
              .map((y) => ({ annee: y.annee, objectif: y.objectif ?? null, traites: y.traites ?? null }))
              .sort((a, b) => a.annee - b.annee),
            source: r.source as string | null,
            dateSource: r.date_source as string | null,
          };
          return [record.referenceExterne, { id: r.id as string, version: Number(r.version), record }];
        }),
      );
    },
    insert: async (em, records, { financeurId }, _importId, userId) => {
      const rows: { id: string }[] = await em.query(
        `INSERT INTO operation_habitat (reference_externe, type, libelle, maitre_ouvrage_type, maitre_ouvrage_code, operateur, phase, date_debut, date_fin,
                engagement_anah, engagement_collectivite, source, date_source, objectifs, financeur_id, updated_by)
         SELECT r, t, l, mt, mc, op, ph, db, df, ea, ec, src, dsrc, ob, $14, $15
           FROM unnest($1::text[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::text[], $7::varchar[], $8::date[], $9::date[], $10::bigint[], $11::bigint[],
                       $12::text[], $13::date[], $16::jsonb[])
                WITH ORDINALITY AS x(r, t, l, mt, mc, op, ph, db, df, ea, ec, src, dsrc, ob, n)
          ORDER BY n
         RETURNING id`,
        [...operationColumns(records), financeurId, userId, records.map((r) => JSON.stringify(r.objectifs))],
      );
      const ids = rows.map((r) => r.id);
      await this.setCommunes(em, ids, records);
      return ids;
    },
    update: async (em, rows, _importId, userId) => {
      const records = rows.map((r) => r.record);
      await em.query(
        `UPDATE operation_habitat o
            SET type = x.t, libelle = x.l, maitre_ouvrage_type = x.mt, maitre_ouvrage_code = x.mc, operateur = x.op, phase = x.ph, date_debut = x.db, date_fin = x.df,
                engagement_anah = x.ea, engagement_collectivite = x.ec, source = x.src, date_source = x.dsrc, objectifs = x.ob, updated_by = $16, updated_at = now(),
                version = o.version + 1
           FROM unnest($1::text[], $2::varchar[], $3::text[], $4::varchar[], $5::varchar[], $6::text[], $7::varchar[], $8::date[], $9::date[], $10::bigint[], $11::bigint[],
                       $12::text[], $13::date[], $14::jsonb[], $15::uuid[])
                AS x(r, t, l, mt, mc, op, ph, db, df, ea, ec, src, dsrc, ob, id)
          WHERE o.id = x.id`,
        [...operationColumns(records), records.map((r) => JSON.stringify(r.objectifs)), rows.map((r) => r.id), userId],
      );
      await this.setCommunes(em, rows.map((r) => r.id), records);
    },
    // The PVDs covered before or after: an operation leaving a PVD shows in that dossier's history too.
    auditPvds: async (em, changes) => {
      const insees = [...new Set(changes.flatMap((c) => [...c.record.communes, ...(c.before?.communes ?? [])]))];
      const pvdOf = new Map<string, string>(
        (await em.query('SELECT commune_insee, pvd_id FROM pvd_commune WHERE commune_insee = ANY($1::varchar[])', [insees])).map((r: { commune_insee: string; pvd_id: string }) => [r.commune_insee, r.pvd_id]),
      );
      return changes.map((c) => [...new Set([...c.record.communes, ...(c.before?.communes ?? [])].flatMap((insee) => pvdOf.get(insee) ?? []))].sort());
    },
  };

  /** Sets the covered communes of these operations: removes the others, adds the new ones (the operation keeps its id). */
  private async setCommunes(em: EntityManager, ids: string[], records: OperationImportRecord[]): Promise<void> {
    const pairs = records.flatMap((r, k) => r.communes.map((insee) => [ids[k], insee] as const));
    const [opIds, insees] = [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
    await em.query(
      `DELETE FROM operation_habitat_commune c
        WHERE c.operation_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM unnest($2::uuid[], $3::varchar[]) AS x(id, insee) WHERE x.id = c.operation_id AND x.insee = c.commune_insee)`,
      [ids, opIds, insees],
    );
    await em.query(
      `INSERT INTO operation_habitat_commune (operation_id, commune_insee) SELECT id, insee FROM unnest($1::uuid[], $2::varchar[]) AS x(id, insee) ON CONFLICT DO NOTHING`,
      [opIds, insees],
    );
  }

  // ─── Reading ───────────────────────────────────────────────────────────────

  async list(user: CurrentUser): Promise<ImportPartenaireResumeDto[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM import_partenaire i LEFT JOIN app_user u ON u.id = i.created_by
        WHERE i.organisation_id = ANY($1::uuid[]) ORDER BY i.created_at DESC LIMIT 50`,
      [this.organisationIds(user)],
    );
    return rows.map(toSummary);
  }

  private async summary(id: string): Promise<ImportPartenaireResumeDto> {
    const [row] = await this.dataSource.query(`SELECT ${SUMMARY_COLUMNS} FROM import_partenaire i LEFT JOIN app_user u ON u.id = i.created_by WHERE i.id = $1`, [id]);
    return toSummary(row);
  }

  async get(user: CurrentUser, id: string, query: ImportPartenaireQuery): Promise<ImportPartenaireDto> {
    const page = query.page ?? 1;
    const pageChangements = query.pageChangements ?? 1;
    const [row] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, i.rejets_total, i.changements_total FROM import_partenaire i LEFT JOIN app_user u ON u.id = i.created_by
        WHERE i.id = $1 AND i.organisation_id = ANY($2::uuid[])`,
      [id, this.organisationIds(user)],
    );
    if (!row) throw new AppError('IMPORT_NOT_FOUND', 'Import introuvable.');
    const [rejets, changements] = await Promise.all([this.reportPage(id, 'erreur', page, PAGE_SIZE), this.reportPage(id, 'changement', pageChangements, PAGE_SIZE)]);
    return {
      ...toSummary(row),
      rejets: { items: rejets.map((l) => ({ ligne: l.ligne as number, colonne: l.colonne, motif: l.motif ?? '' })), total: row.rejets_total, page, pageSize: PAGE_SIZE },
      changements: { items: changements.map((l) => ({ reference: l.reference ?? '', champs: (l.champs ?? []) as ImportChangement['champs'] })), total: row.changements_total, page: pageChangements, pageSize: PAGE_SIZE },
    };
  }

  /** A page of an import's report: its errors or its changes, in the report's order. */
  async lines(user: CurrentUser, id: string, query: ImportLignesQuery): Promise<ImportLignesPageDto> {
    const nature = query.nature ?? 'erreur';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? PAGE_SIZE;
    const [row] = await this.dataSource.query(`SELECT i.rejets_total, i.changements_total FROM import_partenaire i WHERE i.id = $1 AND i.organisation_id = ANY($2::uuid[])`, [
      id,
      this.organisationIds(user),
    ]);
    if (!row) throw new AppError('IMPORT_NOT_FOUND', 'Import introuvable.');
    const items = await this.reportPage(id, nature, page, pageSize);
    return { items: items.map((l) => ({ ...l, nature })), total: nature === 'erreur' ? row.rejets_total : row.changements_total, page, pageSize };
  }

  private async reportPage(id: string, nature: 'erreur' | 'changement', page: number, pageSize: number): Promise<Omit<ReportLine, 'nature'>[]> {
    return this.dataSource.query(
      `SELECT ligne, colonne, motif, reference, champs FROM import_partenaire_ligne WHERE import_id = $1 AND nature = $2 ORDER BY numero LIMIT $3 OFFSET $4`,
      [id, nature, pageSize, (page - 1) * pageSize],
    );
  }

  /** The partner's first dispositif code, for the template's example line. */
  async exampleDispositif(user: CurrentUser): Promise<string | null> {
    const [row] = await this.dataSource.query(
      'SELECT d.code FROM dispositif d JOIN financeur f ON f.id = d.financeur_id WHERE f.organisation_id = ANY($1::uuid[]) AND d.actif ORDER BY d.code LIMIT 1',
      [this.organisationIds(user)],
    );
    return row?.code ?? null;
  }
}

const SUMMARY_COLUMNS = `i.id, i.type, i.nom_fichier, i.statut, i.total_lignes, i.lignes_traitees, i.crees, i.mis_a_jour, i.inchanges, i.rejetes, i.erreur,
  i.created_at, i.termine_le, COALESCE(u.display_name, u.email) AS auteur`;

/** The data lines of a file read for an import: its header checked, blank lines dropped. */
function dataRows(type: ImportPartenaireType, table: ImportTable): { header: string[]; rows: ImportRow[] } {
  const match = matchHeader(table.header, IMPORT_COLUMNS[type]);
  if (match.missing.length > 0) {
    const message = `Colonnes obligatoires absentes : ${match.missing.join(', ')}. Colonnes trouvées : ${table.header.filter((h) => h.trim()).join(', ') || 'aucune'}. Téléchargez le modèle pour les noms attendus.`;
    throw new AppError('IMPORT_FILE_INVALID', message, { fichier: [message] });
  }
  const rows = table.rows.filter((r) => !isBlankRow(r));
  if (rows.length === 0) throw new AppError('IMPORT_FILE_INVALID', 'Le fichier ne contient aucune ligne de données.', { fichier: ['Le fichier ne contient aucune ligne de données.'] });
  return { header: table.header, rows };
}

/** How long each phase of an import run took (ms), for its log line. */
class Phases {
  readonly durations: Record<string, number> = {};
  private last = performance.now();

  mark(name: string): void {
    const now = performance.now();
    this.durations[name] = Math.round(now - this.last);
    this.last = now;
  }
}

function toSummary(r: Row): ImportPartenaireResumeDto {
  return {
    id: r.id as string,
    type: r.type as ImportPartenaireType,
    nomFichier: r.nom_fichier as string,
    statut: r.statut as ImportPartenaireResumeDto['statut'],
    totalLignes: r.total_lignes as number,
    lignesTraitees: r.lignes_traitees as number,
    crees: r.crees as number,
    misAJour: r.mis_a_jour as number,
    inchanges: r.inchanges as number,
    rejetes: r.rejetes as number,
    erreur: (r.erreur as string | null) ?? null,
    auteur: (r.auteur as string | null) ?? null,
    creeLe: (r.created_at as Date).toISOString(),
    termineLe: r.termine_le ? (r.termine_le as Date).toISOString() : null,
  };
}

function financementColumns(records: FinancementImportRecord[]): unknown[][] {
  return [
    records.map((r) => r.referenceExterne),
    records.map((r) => r.dispositifId),
    records.map((r) => r.beneficiaireType),
    records.map((r) => r.beneficiaireCode),
    records.map((r) => r.projet),
    records.map((r) => r.montant),
    records.map((r) => r.statut),
    records.map((r) => r.dateDemande),
    records.map((r) => r.dateEngagement),
    records.map((r) => r.dateContractualisation),
    records.map((r) => r.dateVersement),
    records.map((r) => r.anneeCampagne),
    records.map((r) => r.source),
    records.map((r) => r.dateSource),
    records.map((r) => r.logements),
    records.map((r) => r.dossiers),
  ];
}

function missionColumns(records: MissionImportRecord[]): unknown[][] {
  return [
    records.map((r) => r.referenceExterne),
    records.map((r) => r.pvdId),
    records.map((r) => r.nature),
    records.map((r) => r.intitule),
    records.map((r) => r.prestataire),
    records.map((r) => r.montantEngage),
    records.map((r) => r.montantVerse),
    records.map((r) => r.dateDemande),
    records.map((r) => r.dateDebut),
    records.map((r) => r.dateFin),
    records.map((r) => r.statut),
    records.map((r) => r.dateEngagement),
    records.map((r) => r.source),
    records.map((r) => r.dateSource),
  ];
}

function operationColumns(records: OperationImportRecord[]): unknown[][] {
  return [
    records.map((r) => r.referenceExterne),
    records.map((r) => r.type),
    records.map((r) => r.libelle),
    records.map((r) => r.maitreOuvrageType),
    records.map((r) => r.maitreOuvrageCode),
    records.map((r) => r.operateur),
    records.map((r) => r.phase),
    records.map((r) => r.dateDebut),
    records.map((r) => r.dateFin),
    records.map((r) => r.engagementAnah),
    records.map((r) => r.engagementCollectivite),
    records.map((r) => r.source),
    records.map((r) => r.dateSource),
  ];
}

interface SourceFields {
  source: string | null;
  dateSource: string | null;
}

function hasSource<T extends object>(record: T): record is T & SourceFields {
  return 'source' in record && 'dateSource' in record;
}

/** The record with the import's source and day where its line gives none. */
function withSource<T extends object>(record: T, stamp: { source: string; dateSource: string }): T {
  if (!hasSource(record)) return record;
  return { ...record, source: record.source ?? stamp.source, dateSource: record.dateSource ?? stamp.dateSource };
}
