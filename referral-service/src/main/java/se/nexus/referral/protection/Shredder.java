package se.nexus.referral.protection;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Destroys a subject's data key, so that every text sealed under it can never be read again (crypto-shredding). */
@Service
public class Shredder {

    private final SubjectKeys subjectKeys;
    private final MasterKeys masterKeys;
    private final SealedAnswers answers;

    Shredder(SubjectKeys subjectKeys, MasterKeys masterKeys, SealedAnswers answers) {
        this.subjectKeys = subjectKeys;
        this.masterKeys = masterKeys;
        this.answers = answers;
    }

    /**
     * Locks the subject's data key, if it has one, until the caller's transaction ends: text being sealed under it
     * is committed first, and no text is sealed under it meanwhile. The retention job takes it before it looks
     * whether any referral about the subject is left, so a referral submitted at that moment keeps its text.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(String subjectRef) {
        subjectKeys.lockExclusive(subjectRef);
    }

    /**
     * Deletes the subject's wrapped data key in the caller's transaction, after taking the free text out of the
     * stored answers it sealed; false if the subject had no key (none yet, or already destroyed).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean destroy(String subjectRef) {
        return subjectKeys.delete(subjectRef).map(key -> {
            answers.forget(key, masterKeys.unwrap(key));
            return true;
        }).orElse(false);
    }
}
