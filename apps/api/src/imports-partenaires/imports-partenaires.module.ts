import { Module } from '@nestjs/common';

/** Partners’ bulk imports. */
@Module({})
export class ImportsPartenairesModule {}
