import { Module, type OnModuleInit } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PageMetaRegistry } from '../core/http/page-meta';
import { IndicateursModule } from '../indicateurs/indicateurs.module';
import { IndicateursPublicsController, PublicController } from './public.controller';
import { PublicService } from './public.service';

/** Public pages and open data (no login), and the ANCT's choice of public figures. */
@Module({
  imports: [AuditModule, IndicateursModule],
  controllers: [PublicController, IndicateursPublicsController],
  providers: [PublicService],
  exports: [PublicService],
})
export class PublicModule implements OnModuleInit {
  constructor(
    private readonly pageMeta: PageMetaRegistry,
    private readonly pages: PublicService,
  ) {}

  /** The public pages' titles and social previews, written into index.html by the server. */
  onModuleInit(): void {
    this.pageMeta.register(/^\/(?:programme|donnees)(?:\/pvd\/[^/]+)?\/?$/, ([path]) => this.pages.pageMeta(path.replace(/(.)\/$/, '$1')));
  }
}
