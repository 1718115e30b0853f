import { Module } from '@nestjs/common';

/** Dispositifs catalogue and financing lines. */
@Module({})
export class FinancementsModule {}
