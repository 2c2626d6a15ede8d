package se.nexus.referral.referral;

/** The person a referral is about: a pseudonymous reference and whether their identity is protected. */
public record Subject(String ref, boolean protectedIdentity) {
}
