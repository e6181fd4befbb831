/**
 * Tariffs of communication in visited realms (seed Fig. 4: the fee of an account entry), per visited realm
 * with a default, each from the date it takes effect; read from {@code config/aaah/tariffs.properties}
 * ({@link org.mipaaa.tariff.TariffFile}). Prices are exact decimals; a tariff prices a usage exactly
 * ({@link org.mipaaa.tariff.Tariff#price}) and the account database rounds the fee once.
 */
package org.mipaaa.tariff;
