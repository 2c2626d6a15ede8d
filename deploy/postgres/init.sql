-- One database per service (ARCHITECTURE section 8).
CREATE DATABASE referral;
CREATE DATABASE notification;
CREATE DATABASE audit;
