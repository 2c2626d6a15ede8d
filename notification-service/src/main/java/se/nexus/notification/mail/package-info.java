/**
 * E-mail alerts to agencies' function addresses: a pointer to the console and the urgency and deadline, never case
 * content. Recorded with the notification in one transaction, in the delivery table webhooks use, and sent from there.
 */
package se.nexus.notification.mail;
