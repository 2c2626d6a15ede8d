-- What the disclosure is for: a consent covers a referral only for the purpose it was given for.
ALTER TABLE referrals ADD COLUMN purpose TEXT NOT NULL DEFAULT 'PROTECTION_AND_SUPPORT';
