package org.mipaaa.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house as docs/ARCHITECTURE.md draws it, checked on the compiled classes of every module (this
 * module's test classpath holds them all): no package cycles; the domain and the libraries for mobile
 * nodes see no jDiameter and no wiring; the roles reach each other only through DIAMETER; no static
 * mutable state.
 */
class ArchitectureTest {

    /** The packages of the domain module (no jDiameter: state, ledger, tariffs, billing, ...). */
    private static final String[] DOMAIN = {"org.mipaaa.state..", "org.mipaaa.settings..", "org.mipaaa.ledger..",
            "org.mipaaa.tariff..", "org.mipaaa.billing..", "org.mipaaa.registration..", "org.mipaaa.accounting..",
            "org.mipaaa.presence..", "org.mipaaa.settlement..", "org.mipaaa.commitment..", "org.mipaaa.shop..",
            "org.mipaaa.payee..", "org.mipaaa.payer..", "org.mipaaa.aaam..", "org.mipaaa.json.."};
    /** The packages of the libraries a mobile-node vendor imports (aaam-agent, dictionaries). */
    private static final String[] AGENT = {"org.mipaaa.agent..", "org.mipaaa.mobileip..", "org.mipaaa.dictionary.."};
    /** One package per role: a role reaches another only by a DIAMETER request, never by a call. */
    private static final String[] ROLES = {"org.mipaaa.fa..", "org.mipaaa.aaaf..", "org.mipaaa.aaah..", "org.mipaaa.ha..",
            "org.mipaaa.aaay..", "org.mipaaa.terminal.."};
    /** Our standalone node and the tools around it: users of the install API, never used by it. */
    private static final String[] TOOLS = {"org.mipaaa.node..", "org.mipaaa.lab..", "org.mipaaa.launcher..",
            "org.mipaaa.demo..", "org.mipaaa.bench..", "org.mipaaa.pki..", "org.mipaaa.probe.."};

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.mipaaa");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.mipaaa.(**)").should().beFreeOfCycles().check(production);
    }

    @Test
    void theDomainSeesNoJDiameterAndNoWiring() {
        noClasses().that().resideInAnyPackage(DOMAIN).should().dependOnClassesThat()
                .resideInAnyPackage(concat(new String[] {"org.jdiameter..", "org.mipaaa.diameter..", "org.mipaaa.install..",
                        "org.mipaaa.role..", "org.mipaaa.messages..", "org.mipaaa.transport..", "org.mipaaa.conformance..",
                        "org.mipaaa.trace.."}, ROLES, TOOLS))
                .check(production);
    }

    @Test
    void theMobileNodeLibrariesSeeNothingOfTheServers() {
        noClasses().that().resideInAnyPackage(AGENT).should().dependOnClassesThat()
                .resideInAnyPackage(concat(new String[] {"org.jdiameter..", "org.infinispan..", "org.mipaaa.diameter..",
                        "org.mipaaa.install..", "org.mipaaa.role.."}, DOMAIN, ROLES, TOOLS))
                .check(production);
    }

    @Test
    void rolesDoNotCallEachOther() {
        for (String role : ROLES) {
            String[] others = java.util.Arrays.stream(ROLES).filter(r -> !r.equals(role)).toArray(String[]::new);
            noClasses().that().resideInAPackage(role).should().dependOnClassesThat().resideInAnyPackage(others)
                    .check(production);
        }
    }

    @Test
    void theApplicationsNeverUseTheStandaloneNodeOrTheTools() {
        noClasses().that().resideOutsideOfPackages(TOOLS).should().dependOnClassesThat().resideInAnyPackage(TOOLS)
                .check(production);
    }

    @Test
    void noStaticMutableState() {
        fields().that().areDeclaredInClassesThat().resideInAPackage("org.mipaaa..").and().areStatic()
                .should().haveModifier(JavaModifier.FINAL).check(production);
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }
}
