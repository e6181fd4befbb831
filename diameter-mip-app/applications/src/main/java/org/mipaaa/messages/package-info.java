/**
 * What every hop of a settlement shares (seed Figs. 16-17, docs/PROTOCOL.md §4.2-§4.5): the purchase
 * paid as read from its Purchase-Info AVP, and the requests a node originates on the next hop (PNR,
 * SCR). The AAAH's logic is in {@code org.mipaaa.aaah.settlement}, the AAAY's in
 * {@code org.mipaaa.aaay}, the terminal's in {@code org.mipaaa.terminal}.
 */
package org.mipaaa.messages;
