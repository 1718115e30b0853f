import { Module } from '@nestjs/common';
import { ImportsPartenairesController } from './imports-partenaires.controller';
import { ImportsPartenairesService } from './imports-partenaires.service';

/** Partners’ bulk imports. */
@Module({ controllers: [ImportsPartenairesController], providers: [ImportsPartenairesService] })
export class ImportsPartenairesModule {}
