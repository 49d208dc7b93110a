import v8 from 'node:v8';
import vm from 'node:vm';

v8.setFlagsFromString('--expose-gc');
/** A full garbage collection (no --expose-gc flag needed on the command line). */
export const gc = vm.runInNewContext('gc') as () => void;
