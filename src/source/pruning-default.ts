// # Javassist's ClassPool.doPruning: whether classes read from now on are pruned when written
//
// A static switch in Javassist (false by default), read by each CtClass when it is made; held here
// so that ClassPool (which exposes it) and CtClass (which reads it) need not import each other.

export const pruningDefault = { doPruning: false };
