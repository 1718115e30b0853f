import { Module } from '@nestjs/common';

/** ORT and habitat operations. */
@Module({})
export class TerritoireModule {}
