import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DOCUMENT_MIME_TYPES, isAcceptedDocumentType, isEditable, type DocumentNature } from '@suivi-pvd/domain';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { FILE_FIELD } from '../core/files/upload';
import { CONVENTION_NOT_FOUND, getConvention } from '../conventions/convention-records';
import type { DocumentDto, DocumentVersionDto } from '../conventions/dto/convention.dto';
import { dossierLecture, personLabel, requirePvdAccess } from '../dossiers/pvd-access';
import { requireMissionAccess } from '../ingenierie/mission-access';
import { detectDocumentType } from './detect-document-type';
import { DocumentContentMissing, DocumentStorage } from './storage/document-storage';
import { safeFileName } from './safe-file-name';

const DOCUMENT_NOT_FOUND = { code: 'DOCUMENT_NOT_FOUND', message: 'Document introuvable.' } as const;

/** An uploaded file, checked and put in storage, ready to be recorded. */
export interface StoredFile {
  key: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
}

interface VersionRow {
  id: string;
  document_id: string;
  numero: number;
  nom_fichier: string;
  type_mime: string;
  taille: string;
  depose_le: Date;
  depose_par_label: string;
}

/** Documents of a dossier: upload (type from the content), versions, download under the dossier's access rules. */
@Injectable()
export class DocumentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks an upload and puts it in storage. `accept` narrows the accepted types (the signed
   * convention is a PDF). The caller records it in a transaction with `recordVersion`, and calls
   * `discard` if that transaction fails, so no orphan content stays behind.
   */
  async store(file: Express.Multer.File | undefined, accept: (mime: string) => boolean = isAcceptedDocumentType, refusal?: string): Promise<StoredFile> {
    if (!file || file.size === 0) {
      throw new AppError('DOCUMENT_FILE_MISSING', 'Aucun fichier reçu.', { [FILE_FIELD]: ['Joignez un fichier.'] });
    }
    const detected = await detectDocumentType(file.buffer);
    if (!detected || !accept(detected.mime)) {
      const message = refusal ?? `Ce fichier n'est pas un document accepté (${Object.values(DOCUMENT_MIME_TYPES).filter((v, i, all) => all.indexOf(v) === i).join(', ')}).`;
      throw new AppError('DOCUMENT_TYPE_REFUSED', message, { [FILE_FIELD]: [message] });
    }
    const sha256 = createHash('sha256').update(file.buffer).digest('hex');
    const key = await this.storage.put(file.buffer, { sha256 });
    // Multer decodes the file name as latin1; control and bidi characters go (they disguise extensions).
    const fileName = safeFileName(Buffer.from(file.originalname, 'latin1').toString('utf8'));
    return { key, fileName, mime: detected.mime, size: file.size, sha256 };
  }

  async discard(stored: StoredFile | null): Promise<void> {
    if (stored) await this.storage.delete(stored.key).catch(() => undefined);
  }

  /** Records a stored file as the next version of a document (a new document when `documentId` is null). */
  async recordVersion(
    em: EntityManager,
    actor: Actor,
    target: {
      documentId: string | null;
      /** Null only for a message's attachment on an item without dossier. */
      pvdId: string | null;
      conventionId: string | null;
      missionId?: string | null;
      messageId?: string | null;
      nature: DocumentNature;
      titre: string;
      /** Kept out of the dossier's history (an internal note's attachment). */
      horsHistorique?: boolean;
    },
    stored: StoredFile,
    byLabel: string,
  ): Promise<{ documentId: string; versionId: string; numero: number }> {
    let documentId = target.documentId;
    if (!documentId) {
      const [doc] = await em.query(`INSERT INTO document (pvd_id, convention_id, mission_id, message_id, nature, titre) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, [
        target.pvdId,
        target.conventionId,
        target.missionId ?? null,
        target.messageId ?? null,
        target.nature,
        target.titre,
      ]);
      documentId = doc.id as string;
    }
    const [version] = await em.query(
      `INSERT INTO document_version (document_id, numero, nom_fichier, type_mime, taille, sha256, cle_stockage, depose_par, depose_par_label)
       SELECT $1, COALESCE(max(numero), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM document_version WHERE document_id = $1
       RETURNING id, numero`,
      [documentId, stored.fileName, stored.mime, stored.size, stored.sha256, stored.key, actor.id, byLabel],
    );
    await this.audit.record(em, actor, {
      action: version.numero === 1 ? 'document.ajoute' : 'document.nouvelle_version',
      entityType: 'document',
      entityId: documentId,
      pvdId: target.horsHistorique ? null : target.pvdId,
      before: null,
      after: {
        titre: target.titre,
        nature: target.nature,
        conventionId: target.conventionId,
        missionId: target.missionId ?? null,
        ...(target.messageId ? { messageId: target.messageId } : {}),
        version: version.numero,         nomFichier: stored.fileName,
        typeMime: stored.mime,
        taille: stored.size,
      },
    });
    return { documentId, versionId: version.id, numero: version.numero };
  }

  /** A new document of a convention, by its chef de projet while the convention is being prepared. */
  async addToConvention(user: CurrentUser, actor: Actor, conventionId: string, file: Express.Multer.File | undefined, titre: string | undefined): Promise<DocumentDto> {
    const convention = await getConvention(this.dataSource, conventionId);
    const access = await requirePvdAccess(this.dataSource, user, convention.pvd_id, 'pvd:modifier', CONVENTION_NOT_FOUND);
    this.requireEditable(convention.etat);
    const stored = await this.store(file);
    try {
      const { documentId } = await this.dataSource.transaction(async (em) => {
        this.requireEditable((await getConvention(em, conventionId, true)).etat);
        return this.recordVersion(em, actor, { documentId: null, pvdId: convention.pvd_id, conventionId, nature: 'piece', titre: titre?.trim() || stored.fileName }, stored, personLabel(user, access.territory));
      });
      return await this.documentOf(conventionId, documentId);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  /** A new version of a document: the older ones stay downloadable. */
  async addVersion(user: CurrentUser, actor: Actor, documentId: string, file: Express.Multer.File | undefined): Promise<DocumentDto> {
    const doc = await this.readDocument(documentId);
    // A message's attachment is not versioned here (nor is it the dossier's to replace).
    if (doc.message_id || !doc.pvd_id) throw new AppError(DOCUMENT_NOT_FOUND.code, DOCUMENT_NOT_FOUND.message);
    if (doc.mission_id) return this.addMissionVersion(user, actor, doc.mission_id, documentId, file);
    const access = await requirePvdAccess(this.dataSource, user, doc.pvd_id, 'pvd:modifier', DOCUMENT_NOT_FOUND);
    if (doc.nature !== 'piece' || !doc.convention_id) {
      throw new AppError('DOCUMENT_NOT_VERSIONABLE', 'La convention signée est enregistrée avec la signature : elle ne se remplace pas.');
    }
    const conventionId = doc.convention_id;
    const stored = await this.store(file);
    try {
      await this.dataSource.transaction(async (em) => {
        this.requireEditable((await getConvention(em, conventionId, true)).etat);
        await this.recordVersion(em, actor, { documentId, pvdId: doc.pvd_id, conventionId, nature: doc.nature, titre: doc.titre }, stored, personLabel(user, access.territory));
      });
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
    return this.documentOf(conventionId, documentId);
  }

  /** A deliverable of an expertise mission, by whoever may write the mission (its chef de projet or its funder). */
  async addToMission(user: CurrentUser, actor: Actor, missionId: string, file: Express.Multer.File | undefined, titre: string | undefined): Promise<DocumentDto> {
    const mission = await requireMissionAccess(this.dataSource, user, missionId, 'ecrire');
    const stored = await this.store(file);
    try {
      const { documentId } = await this.dataSource.transaction((em) =>
        this.recordVersion(em, actor, { documentId: null, pvdId: mission.pvdId, conventionId: null, missionId, nature: 'livrable', titre: titre?.trim() || stored.fileName }, stored, mission.actorLabel),
      );
      return await this.documentIn('mission_id', missionId, documentId);
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
  }

  private async addMissionVersion(user: CurrentUser, actor: Actor, missionId: string, documentId: string, file: Express.Multer.File | undefined): Promise<DocumentDto> {
    const mission = await requireMissionAccess(this.dataSource, user, missionId, 'ecrire', DOCUMENT_NOT_FOUND);
    const stored = await this.store(file);
    try {
      await this.dataSource.transaction(async (em) => {
        const [doc] = await em.query('SELECT titre FROM document WHERE id = $1 FOR UPDATE', [documentId]);
        await this.recordVersion(em, actor, { documentId, pvdId: mission.pvdId, conventionId: null, missionId, nature: 'livrable', titre: doc.titre }, stored, mission.actorLabel);
      });
    } catch (error) {
      await this.discard(stored);
      throw error;
    }
    return this.documentIn('mission_id', missionId, documentId);
  }

  private async documentOf(conventionId: string, documentId: string): Promise<DocumentDto> {
    return this.documentIn('convention_id', conventionId, documentId);
  }

  private async documentIn(column: 'convention_id' | 'mission_id', ownerId: string, documentId: string): Promise<DocumentDto> {
    const doc = (await this.listDocuments(column, ownerId)).find((d) => d.id === documentId);
    if (!doc) throw new AppError(DOCUMENT_NOT_FOUND.code, DOCUMENT_NOT_FOUND.message);
    return doc;
  }

  /** The content of one version, for a caller who may read the dossier. */
  async download(user: CurrentUser, documentId: string, numero: number): Promise<{ stream: Readable; fileName: string; mime: string; size: number }> {
    const doc = await this.readDocument(documentId);
    // A message's attachment is read through its thread (DiscussionsService), whose readers differ from the dossier's;
    // a project sheet's photo through its sheet (FichesService: its writers and reviewers, or anyone once published).
    if (doc.message_id || !doc.pvd_id || doc.nature === 'photo_fiche') throw new AppError(DOCUMENT_NOT_FOUND.code, DOCUMENT_NOT_FOUND.message);
    // A mission's deliverable is readable by its funder too; any other document, by the dossier's readers.
    if (doc.mission_id) await requireMissionAccess(this.dataSource, user, doc.mission_id, 'lire', DOCUMENT_NOT_FOUND);
    else {
      // The dossier's readers; a partner reading its summary (it funds something there) is told the documents are not for it.
      const read = await dossierLecture(this.dataSource, user, doc.pvd_id);
      if (!read?.lecture) throw new AppError(DOCUMENT_NOT_FOUND.code, DOCUMENT_NOT_FOUND.message);
      if (read.lecture !== 'complete') throw new AppError('FORBIDDEN', 'Vous lisez le résumé de ce dossier : ses documents ne vous sont pas ouverts.');
    }
    return this.content(documentId, numero);
  }

  /** The content of one version, without any access check: the caller has checked who reads the document. */
  async content(documentId: string, numero: number): Promise<{ stream: Readable; fileName: string; mime: string; size: number }> {
    const [version] = await this.dataSource.query(
      'SELECT nom_fichier, type_mime, taille, cle_stockage FROM document_version WHERE document_id = $1 AND numero = $2',
      [documentId, numero],
    );
    if (!version) throw new AppError('DOCUMENT_NOT_FOUND', `Ce document n'a pas de version ${numero}.`);
    try {
      const stream = await this.storage.get(version.cle_stockage);
      return { stream, fileName: version.nom_fichier, mime: version.type_mime, size: Number(version.taille) };
    } catch (error) {
      if (error instanceof DocumentContentMissing) throw new AppError('DOCUMENT_NOT_FOUND', 'Le contenu de ce document est introuvable dans le stockage.');
      throw error;
    }
  }

  /** The documents of a convention with their versions, most recent first. */
  async listForConvention(conventionId: string, db: DataSource | EntityManager = this.dataSource): Promise<DocumentDto[]> {
    return this.listDocuments('convention_id', conventionId, db);
  }

  /** The documents of a convention or a mission with their versions, most recent first. */
  async listDocuments(column: 'convention_id' | 'mission_id', ownerId: string, db: DataSource | EntityManager = this.dataSource): Promise<DocumentDto[]> {
    const docs: { id: string; nature: DocumentNature; titre: string }[] = await db.query(
      `SELECT id, nature, titre FROM document WHERE ${column} = $1 ORDER BY nature DESC, created_at`,
      [ownerId],
    );
    if (docs.length === 0) return [];
    const versions: VersionRow[] = await db.query(
      `SELECT id, document_id, numero, nom_fichier, type_mime, taille, depose_le, depose_par_label
         FROM document_version WHERE document_id = ANY($1::uuid[]) ORDER BY numero DESC`,
      [docs.map((d) => d.id)],
    );
    return docs.map((d) => ({
      ...d,
      versions: versions.filter((v) => v.document_id === d.id).map((v): DocumentVersionDto => ({
        id: v.id,
        numero: v.numero,
        nomFichier: v.nom_fichier,
        typeMime: v.type_mime,
        taille: Number(v.taille),
        deposeLe: new Date(v.depose_le).toISOString(),
        deposePar: v.depose_par_label,
        url: `/api/documents/${d.id}/versions/${v.numero}/contenu`,
      })),
    }));
  }

  private async readDocument(id: string): Promise<{ pvd_id: string | null; convention_id: string | null; mission_id: string | null; message_id: string | null; nature: DocumentNature; titre: string }> {
    const [doc] = await this.dataSource.query('SELECT pvd_id, convention_id, mission_id, message_id, nature, titre FROM document WHERE id = $1', [id]);
    if (!doc) throw new AppError(DOCUMENT_NOT_FOUND.code, DOCUMENT_NOT_FOUND.message);
    return doc;
  }

  private requireEditable(etat: Parameters<typeof isEditable>[0]): void {
    if (!isEditable(etat)) {
      throw new AppError('CONVENTION_NOT_EDITABLE', 'Les pièces ne peuvent être ajoutées que tant que la convention est en brouillon ou à compléter.');
    }
  }
}
