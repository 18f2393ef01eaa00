/**
 * Mandates: may a person act for another? A client of an e-Authorizations service shaped like Suomi.fi Valtuudet's
 * Authorization REST API ({@link io.luotsi.auth.mandate.ValtuudetClient}, requests signed with
 * {@link io.luotsi.auth.mandate.ValtuudetSignature}), and the
 * {@link io.luotsi.auth.consent.AuthorizationProvider} that asks it,
 * {@link io.luotsi.auth.mandate.MandateProvider}.
 */
package io.luotsi.auth.mandate;
