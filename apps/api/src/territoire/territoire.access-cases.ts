import { defineArea } from '../test/access-matrix.support';

/** The access-matrix cases of this area's routes (merged by core/access-matrix.int-spec.ts). */
export const territoireAccessCases = defineArea({
  setup: async () => ({}),
  cases: {},
});
