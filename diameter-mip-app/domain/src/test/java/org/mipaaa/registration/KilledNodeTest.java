package org.mipaaa.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mipaaa.mobileip.Ipv4;
import org.mipaaa.state.StateStore;

/**
 * A node process killed without any shutdown keeps, after its restart, every home address and
 * binding it acknowledged: the stores write through before an operation returns.
 */
class KilledNodeTest {

    @TempDir
    Path data;

    @Test
    void aKilledNodeLosesNoAcknowledgedAddressOrBinding() throws Exception {
        AddressRange range = AddressRange.parse("10.1.0.10-10.1.0.40");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), KilledNode.class.getName(),
                TestStores.CONFIG.toAbsolutePath().toString(), data.toString(), range.toString())
                .redirectErrorStream(true).start();
        Map<String, String> acknowledged = new LinkedHashMap<>();
        StringBuilder output = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.append(line).append('\n');
                if (line.startsWith("ACK ")) {
                    String[] f = line.split(" ");
                    acknowledged.put(f[1], f[2]);
                }
            }
        }
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output.toString()).isEqualTo(77);
        assertThat(acknowledged).hasSize(KilledNode.MOBILE_NODES);

        try (StateStore store = TestStores.open(data)) {
            InfinispanHomeAddressPool pool = InfinispanHomeAddressPool.in(store, range);
            BindingTable bindings = InfinispanBindingTable.in(store);
            acknowledged.forEach((nai, address) -> {
                assertThat(pool.addressOf(nai)).as(nai).contains(Ipv4.parse(address));
                assertThat(bindings.find(Ipv4.parse(address))).as(address)
                        .contains(KilledNode.binding(Ipv4.parse(address), nai));
            });
            assertThat(pool.reclaimOrphans()).isZero();
            assertThat(pool.allocate("newcomer@home.example")).isPresent()
                    .hasValueSatisfying(a -> assertThat(acknowledged).doesNotContainValue(Ipv4.format(a)));
        }
    }
}
