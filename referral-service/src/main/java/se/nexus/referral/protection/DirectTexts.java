package se.nexus.referral.protection;

/**
 * Where free text sealed directly under a master key (before data keys existed) is stored; the rotation moves it
 * under its subject's data key, so that it can be erased with the subject and no master key is needed to read it.
 */
public interface DirectTexts {

    /** Re-seals up to {@code limit} texts under their subjects' data keys; how many rows it changed. */
    int resealBatch(int limit);
}
