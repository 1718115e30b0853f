import { Global, Inject, Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Upload limits for every FileInterceptor of the app: files stay in memory, one file, MAX_UPLOAD_MB. */
@Global()
@Module({
  imports: [
    MulterModule.registerAsync({
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } }),
      inject: [APP_CONFIG],
    }),
  ],
  exports: [MulterModule],
})
export class FilesModule {
  constructor(@Inject(APP_CONFIG) readonly config: AppConfig) {}
}
