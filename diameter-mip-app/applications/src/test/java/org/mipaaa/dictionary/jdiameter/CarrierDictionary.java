package org.mipaaa.dictionary.jdiameter;

import java.util.List;

/**
 * A carrier's jDiameter dictionary as an operator's stack would load it: jDiameter's upstream layout
 * (typedefns with its extra names such as IPAddress and Unsigned32Enumerated, vendor-id="None" on IETF
 * applications, RFC 3588-era flag rules), the RFC 6733 base with its common messages and base
 * accounting, the carrier's own prepaid Credit-Control application (RFC 4006, with the money AVPs we
 * reuse, defined as RFC 4006 section 8 defines them) and its own vendor with one AVP. Written for these
 * tests, not copied from jDiameter.
 */
final class CarrierDictionary {

    /** The carrier's own IANA enterprise number, declared in its dictionary with its own AVP. */
    static final long CARRIER_VENDOR_ID = 65001;

    /** How many AVPs the carrier's file defines: the 49 of the base, 12 of RFC 4006, its own one. */
    static final int AVP_COUNT = 62;

    /** The code of the carrier's own AVP Prepaid-Plan (of {@link #CARRIER_VENDOR_ID}). */
    static final int PREPAID_PLAN = 1001;

    private record Base(String name, int code, String type) {
    }

    /** RFC 6733 section 4.5 (the carrier's file has them as RFC 3588 did: P may, some may-encrypt). */
    private static final List<Base> BASE = List.of(
            new Base("User-Name", 1, "UTF8String"), new Base("Class", 25, "OctetString"),
            new Base("Session-Timeout", 27, "Unsigned32"), new Base("Proxy-State", 33, "OctetString"),
            new Base("Acct-Session-Id", 44, "OctetString"), new Base("Acct-Multi-Session-Id", 50, "UTF8String"),
            new Base("Event-Timestamp", 55, "Time"), new Base("Acct-Interim-Interval", 85, "Unsigned32"),
            new Base("Host-IP-Address", 257, "IPAddress"), new Base("Auth-Application-Id", 258, "AppId"),
            new Base("Acct-Application-Id", 259, "AppId"), new Base("Redirect-Host-Usage", 261, "Enumerated"),
            new Base("Redirect-Max-Cache-Time", 262, "Unsigned32"), new Base("Session-Id", 263, "UTF8String"),
            new Base("Origin-Host", 264, "DiameterIdentity"), new Base("Supported-Vendor-Id", 265, "VendorId"),
            new Base("Vendor-Id", 266, "VendorId"), new Base("Firmware-Revision", 267, "Unsigned32"),
            new Base("Result-Code", 268, "Unsigned32Enumerated"), new Base("Product-Name", 269, "UTF8String"),
            new Base("Session-Binding", 270, "Unsigned32"), new Base("Session-Server-Failover", 271, "Enumerated"),
            new Base("Multi-Round-Time-Out", 272, "Unsigned32"), new Base("Disconnect-Cause", 273, "Enumerated"),
            new Base("Auth-Request-Type", 274, "Enumerated"), new Base("Auth-Grace-Period", 276, "Unsigned32"),
            new Base("Auth-Session-State", 277, "Enumerated"), new Base("Origin-State-Id", 278, "Unsigned32"),
            new Base("Proxy-Host", 280, "DiameterIdentity"), new Base("Error-Message", 281, "UTF8String"),
            new Base("Route-Record", 282, "DiameterIdentity"), new Base("Destination-Realm", 283, "DiameterIdentity"),
            new Base("Re-Auth-Request-Type", 285, "Enumerated"), new Base("Accounting-Sub-Session-Id", 287, "Unsigned64"),
            new Base("Authorization-Lifetime", 291, "Unsigned32"), new Base("Redirect-Host", 292, "DiameterURI"),
            new Base("Destination-Host", 293, "DiameterIdentity"), new Base("Error-Reporting-Host", 294, "DiameterIdentity"),
            new Base("Termination-Cause", 295, "Enumerated"), new Base("Origin-Realm", 296, "DiameterIdentity"),
            new Base("Experimental-Result-Code", 298, "Unsigned32"), new Base("Inband-Security-Id", 299, "Unsigned32"),
            new Base("Accounting-Record-Type", 480, "Enumerated"), new Base("Accounting-Realtime-Required", 483, "Enumerated"),
            new Base("Accounting-Record-Number", 485, "Unsigned32"));

    private CarrierDictionary() {
    }

    /** The carrier's file; {@code extraAvps} are inserted with its other AVP definitions. */
    static String xml(String extraAvps) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <!-- Example Carrier: dictionary of the production jDiameter stack (base, prepaid charging). -->
                <dictionary>
                  <typedefn type-name="OctetString" />
                  <typedefn type-name="Integer32" />
                  <typedefn type-name="Integer64" />
                  <typedefn type-name="Unsigned32" />
                  <typedefn type-name="Unsigned64" />
                  <typedefn type-name="Float32" />
                  <typedefn type-name="Float64" />
                  <typedefn type-name="Address" type-parent="OctetString" />
                  <typedefn type-name="Time" type-parent="OctetString" />
                  <typedefn type-name="UTF8String" type-parent="OctetString" />
                  <typedefn type-name="DiameterIdentity" type-parent="OctetString" />
                  <typedefn type-name="DiameterURI" type-parent="UTF8String" />
                  <typedefn type-name="Enumerated" type-parent="Integer32" />
                  <typedefn type-name="Unsigned32Enumerated" type-parent="Unsigned32" />
                  <typedefn type-name="AppId" type-parent="Unsigned32" />
                  <typedefn type-name="VendorId" type-parent="Unsigned32" />
                  <typedefn type-name="IPAddress" type-parent="OctetString" />

                  <vendor vendor-id="None" code="0" name="None" />
                  <vendor vendor-id="TGPP" code="10415" name="3GPP" />
                  <vendor vendor-id="EXCARRIER" code="65001" name="Example Carrier" />

                """);
        for (Base a : BASE) {
            b.append("  <avpdefn name=\"").append(a.name()).append("\" code=\"").append(a.code())
                    .append("\" mandatory=\"must\" protected=\"may\" may-encrypt=\"")
                    .append(a.code() < 100 ? "yes" : "no").append("\" vendor-bit=\"mustnot\">\n    <type type-name=\"")
                    .append(a.type()).append("\" />\n  </avpdefn>\n");
        }
        b.append("""
                  <avpdefn name="Vendor-Specific-Application-Id" code="260" mandatory="must" protected="may" may-encrypt="no" vendor-bit="mustnot">
                    <grouped>
                      <avp name="Vendor-Id" multiplicity="1" />
                      <avp name="Auth-Application-Id" multiplicity="0-1" />
                      <avp name="Acct-Application-Id" multiplicity="0-1" />
                    </grouped>
                  </avpdefn>
                  <avpdefn name="Failed-AVP" code="279" mandatory="must" protected="may" may-encrypt="no" vendor-bit="mustnot">
                    <grouped />
                  </avpdefn>
                  <avpdefn name="Proxy-Info" code="284" mandatory="must" protected="may" may-encrypt="no" vendor-bit="mustnot">
                    <grouped>
                      <avp name="Proxy-Host" multiplicity="1" />
                      <avp name="Proxy-State" multiplicity="1" />
                    </grouped>
                  </avpdefn>
                  <avpdefn name="Experimental-Result" code="297" mandatory="must" protected="may" may-encrypt="no" vendor-bit="mustnot">
                    <grouped>
                      <avp name="Vendor-Id" multiplicity="1" />
                      <avp name="Experimental-Result-Code" multiplicity="1" />
                    </grouped>
                  </avpdefn>

                  <!-- RFC 4006, section 8 -->
                  <avpdefn name="CC-Request-Number" code="415" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="Unsigned32" />
                  </avpdefn>
                  <avpdefn name="CC-Request-Type" code="416" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="Enumerated">
                      <enum name="INITIAL_REQUEST" code="1" />
                      <enum name="UPDATE_REQUEST" code="2" />
                      <enum name="TERMINATION_REQUEST" code="3" />
                      <enum name="EVENT_REQUEST" code="4" />
                    </type>
                  </avpdefn>
                  <avpdefn name="Service-Context-Id" code="461" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="UTF8String" />
                  </avpdefn>
                  <avpdefn name="CC-Time" code="420" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="Unsigned32" />
                  </avpdefn>
                  <avpdefn name="Granted-Service-Unit" code="431" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <grouped>
                      <avp name="CC-Time" multiplicity="0-1" />
                      <avp name="CC-Money" multiplicity="0-1" />
                    </grouped>
                  </avpdefn>
                  <avpdefn name="CC-Money" code="413" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <grouped>
                      <avp name="Unit-Value" multiplicity="1" />
                      <avp name="Currency-Code" multiplicity="0-1" />
                    </grouped>
                  </avpdefn>
                  <avpdefn name="Unit-Value" code="445" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <grouped>
                      <avp name="Value-Digits" multiplicity="1" />
                      <avp name="Exponent" multiplicity="0-1" />
                    </grouped>
                  </avpdefn>
                  <avpdefn name="Value-Digits" code="447" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="Integer64" />
                  </avpdefn>
                  <avpdefn name="Exponent" code="429" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="Integer32" />
                  </avpdefn>
                  <avpdefn name="Currency-Code" code="425" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="Unsigned32" />
                  </avpdefn>
                  <avpdefn name="Cost-Information" code="423" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <grouped>
                      <avp name="Unit-Value" multiplicity="1" />
                      <avp name="Currency-Code" multiplicity="1" />
                      <avp name="Cost-Unit" multiplicity="0-1" />
                    </grouped>
                  </avpdefn>
                  <avpdefn name="Cost-Unit" code="424" mandatory="must" protected="may" may-encrypt="yes" vendor-bit="mustnot">
                    <type type-name="UTF8String" />
                  </avpdefn>

                  <!-- the carrier's own AVP -->
                  <avpdefn name="Prepaid-Plan" code="1001" vendor-id="EXCARRIER" mandatory="must" protected="mustnot" may-encrypt="no" vendor-bit="must">
                    <type type-name="UTF8String" />
                  </avpdefn>

                """);
        b.append(extraAvps);
        b.append("""

                  <application id="0" vendor-id="None" name="Base">
                    <command name="Capabilities-Exchange-Request" code="257" request="true">
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Realm" code="296" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Host-IP-Address" code="257" vendor="0" multiplicity="1+" index="-1" />
                      <avp name="Vendor-Id" code="266" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Product-Name" code="269" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Auth-Application-Id" code="258" vendor="0" multiplicity="0+" index="-1" />
                      <avp name="Vendor-Specific-Application-Id" code="260" vendor="0" multiplicity="0+" index="-1" />
                    </command>
                    <command name="Capabilities-Exchange-Answer" code="257" request="false">
                      <avp name="Result-Code" code="268" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Realm" code="296" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Host-IP-Address" code="257" vendor="0" multiplicity="1+" index="-1" />
                      <avp name="Vendor-Id" code="266" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Product-Name" code="269" vendor="0" multiplicity="1" index="-1" />
                    </command>
                    <command name="Session-Termination-Request" code="275" request="true">
                      <avp name="Session-Id" code="263" vendor="0" multiplicity="1" index="0" />
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Realm" code="296" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Destination-Realm" code="283" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Auth-Application-Id" code="258" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Termination-Cause" code="295" vendor="0" multiplicity="1" index="-1" />
                    </command>
                  </application>

                  <application id="3" vendor-id="None" name="Diameter Base Accounting">
                    <command name="Accounting-Request" code="271" request="true">
                      <avp name="Session-Id" code="263" vendor="0" multiplicity="1" index="0" />
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Realm" code="296" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Destination-Realm" code="283" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Accounting-Record-Type" code="480" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Accounting-Record-Number" code="485" vendor="0" multiplicity="1" index="-1" />
                    </command>
                  </application>

                  <application id="4" vendor-id="None" name="Diameter Credit Control Application">
                    <command name="Credit-Control-Request" code="272" request="true">
                      <avp name="Session-Id" code="263" vendor="0" multiplicity="1" index="0" />
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Realm" code="296" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Destination-Realm" code="283" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Auth-Application-Id" code="258" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Service-Context-Id" code="461" vendor="0" multiplicity="1" index="-1" />
                      <avp name="CC-Request-Type" code="416" vendor="0" multiplicity="1" index="-1" />
                      <avp name="CC-Request-Number" code="415" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Prepaid-Plan" code="1001" vendor="65001" multiplicity="0-1" index="-1" />
                    </command>
                    <command name="Credit-Control-Answer" code="272" request="false">
                      <avp name="Session-Id" code="263" vendor="0" multiplicity="1" index="0" />
                      <avp name="Result-Code" code="268" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Host" code="264" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Origin-Realm" code="296" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Auth-Application-Id" code="258" vendor="0" multiplicity="1" index="-1" />
                      <avp name="CC-Request-Type" code="416" vendor="0" multiplicity="1" index="-1" />
                      <avp name="CC-Request-Number" code="415" vendor="0" multiplicity="1" index="-1" />
                      <avp name="Granted-Service-Unit" code="431" vendor="0" multiplicity="0-1" index="-1" />
                      <avp name="Cost-Information" code="423" vendor="0" multiplicity="0-1" index="-1" />
                    </command>
                  </application>
                </dictionary>
                """);
        return b.toString();
    }

    /** The carrier's file as it is. */
    static String xml() {
        return xml("");
    }

    /**
     * The carrier's file with Mobile IPv6's MIP-Home-Agent-Address (RFC 5447) defined as jDiameter's
     * upstream file has it: P bit "mustnot", where RFC 4004 says "may".
     */
    static String withMobileIpv6() {
        return xml("""
                  <!-- RFC 5447 -->
                  <avpdefn name="MIP-Home-Agent-Address" code="334" mandatory="must" protected="mustnot" may-encrypt="no" vendor-bit="mustnot">
                    <type type-name="IPAddress" />
                  </avpdefn>
                """);
    }
}
