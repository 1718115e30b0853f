import { Module, OnModuleInit } from '@nestjs/common';
import { PageMetaRegistry } from '../../core/http/page-meta';
import { DocumentsModule } from '../../documents/documents.module';
import { NotificationsModule } from '../../notifications/notifications.module';
import { FichesController, PublicFichesController } from './fiches.controller';
import { FichesService } from './fiches.service';

/** The projetothèque (issue 19): project sheets written by chefs de projet, reviewed and published by the ANCT. */
@Module({ imports: [DocumentsModule, NotificationsModule], controllers: [FichesController, PublicFichesController], providers: [FichesService], exports: [FichesService] })
export class FichesModule implements OnModuleInit {
  constructor(
    private readonly pageMeta: PageMetaRegistry,
    private readonly fiches: FichesService,
  ) {}

  /** The public pages' titles and social previews, written into index.html by the server. */
  onModuleInit(): void {
    this.pageMeta.register(/^\/projetotheque\/?$/, () => ({
      title: 'Projetothèque',
      description: 'Les projets des Petites villes de demain racontés par leurs équipes : réalisations, financements, résultats et contacts.',
      path: '/projetotheque',
    }));
    this.pageMeta.register(/^\/projetotheque\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, async ([, id]) => {
      const preview = await this.fiches.previewOf(id);
      return preview ? { title: `${preview.titre} – Projetothèque`, description: preview.description, path: `/projetotheque/${id}`, image: preview.image ?? undefined } : null;
    });
  }
}
