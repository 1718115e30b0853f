import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuditLogModule } from './core/audit/audit-log.module';
import { ComptesModule } from './comptes/comptes.module';
import { AuthModule } from './core/auth/auth.module';
import { AppConfig } from './core/config/config';
import { ConfigModule } from './core/config/config.module';
import { dataSourceOptions } from './core/database/data-source-options';
import { runPendingMigrations } from './core/database/run-migrations';
import { ErrorFilter } from './core/errors/error.filter';
import { FilesModule } from './core/files/files.module';
import { HealthModule } from './core/health/health.module';
import { JobsModule } from './core/jobs/jobs.module';
import { MetricsModule } from './core/metrics/metrics.module';
import { MailModule } from './core/mail/mail.module';
import { RateLimitModule } from './core/rate-limit/rate-limit.module';
import { DemoModule } from './demo/demo.module';
import { ENTITIES } from './entities';
import { PvdModule } from './pvd/pvd.module';
import { ConventionsModule } from './conventions/conventions.module';
import { DocumentsModule } from './documents/documents.module';
import { DossiersModule } from './dossiers/dossiers.module';
import { ActiviteModule } from './activite/activite.module';
import { ReferentielModule } from './referentiel/referentiel.module';
import { ProgrammeModule } from './programme/programme.module';
import { IngenierieModule } from './ingenierie/ingenierie.module';
import { TerritoireModule } from './territoire/territoire.module';
import { FinancementsModule } from './financements/financements.module';
import { ImportsPartenairesModule } from './imports-partenaires/imports-partenaires.module';
import { ImportsNationauxModule } from './imports-nationaux/imports-nationaux.module';
import { DemarchesModule } from './demarches/demarches.module';
import { IndicateursModule } from './indicateurs/indicateurs.module';
import { PilotageModule } from './pilotage/pilotage.module';
import { NotificationsModule } from './notifications/notifications.module';
import { RappelsModule } from './rappels/rappels.module';
import { ClubModule } from './club/club.module';
import { DiscussionsModule } from './discussions/discussions.module';
import { FichesModule } from './club/fiches/fiches.module';
import { PageMetaModule } from './core/http/page-meta';
import { PublicModule } from './public/public.module';
import { poolOptions } from './core/database/preparing-client';
import { recordingSqlLogger, sqlRecordingDir } from './core/database/sql-recorder';

@Module({})
export class AppModule {
  /** `databaseUrl` is resolved before (DATABASE_URL, or the embedded server started by main.ts). */
  static forRoot(config: AppConfig, databaseUrl: string, options: { migrationsRun?: boolean } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Pending migrations run at start, each in its own transaction, one process at a time (API
        // replicas starting together); not in the worker process: the API runs them.
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(databaseUrl, ENTITIES, { extra: poolOptions(config.preparedStatements) }),
            migrationsRun: false,
            // Benchmarks only: each request's statements recorded (tests/perf).
            ...(sqlRecordingDir() ? { logger: recordingSqlLogger } : {}),
          }),
          dataSourceFactory: async (typeOrmOptions) => {
            const dataSource = await new DataSource(typeOrmOptions as DataSourceOptions).initialize();
            if (options.migrationsRun ?? true) {
              try {
                await runPendingMigrations(dataSource);
              } catch (error) {
                await dataSource.destroy();
                throw error;
              }
            }
            return dataSource;
          },
        }),
        MetricsModule,
        HealthModule,
        FilesModule,
        MailModule.forRoot(config.mail),
        AuditLogModule,
        AuditModule,
        RateLimitModule,
        JobsModule,
        AuthModule,
        ReferentielModule,
        PvdModule,
        DossiersModule,
        ActiviteModule,
        ConventionsModule,
        DocumentsModule,
        ProgrammeModule,
        IngenierieModule,
        TerritoireModule,
        FinancementsModule,
        ImportsPartenairesModule,
        ImportsNationauxModule,
        DemarchesModule,
        IndicateursModule,
        PilotageModule,
        NotificationsModule,
        RappelsModule,
        ClubModule,
        DiscussionsModule,
        PageMetaModule,
        FichesModule,
        PublicModule,
        ComptesModule,
        DemoModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ErrorFilter }],
    };
  }
}
