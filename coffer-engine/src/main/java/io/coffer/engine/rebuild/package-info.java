/**
 * The catalog rebuilt from a volume (DESIGN rule 1: the volume is the truth about what exists, the
 * catalog an index of it): backup rows recreated from the manifests and reports a volume holds, for a
 * catalog that was lost or restored from an old copy.
 */
package io.coffer.engine.rebuild;
