-- One database per service (docs/architecture.md section 7).
CREATE DATABASE referral;
CREATE DATABASE notification;
CREATE DATABASE audit;
