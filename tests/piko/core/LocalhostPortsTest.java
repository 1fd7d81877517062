package piko.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import piko.model.ComposeModel;
import piko.model.PortAllocation;

class LocalhostPortsTest {
    private static ComposeModel broker(String value) {
        return ComposeModel.parse("{\"name\": \"p\", \"services\": {\"broker\": {\"image\": \"b\", \"environment\": {\"V\": \""
                + value + "\"}, \"ports\": [{\"target\": 9092, \"published\": \"9092\", \"protocol\": \"tcp\"}]}}}");
    }

    private static List<String> warnings(String value, int hostPort) {
        return LocalhostPorts.warnings(broker(value), List.of(new PortAllocation("e1", "broker", 9092, "tcp", hostPort)),
                Map.of("PIKO_BROKER_PORT", String.valueOf(hostPort)));
    }

    @Test
    void aValueNamingAPublishedPortOnTheLoopbackIsNamedWithTheVariable() {
        assertEquals(List.of("broker's V (PLAINTEXT://127.0.0.1:9092) names 127.0.0.1:9092, but broker's port 9092 is published"
                + " as 10192 here: for clients on the host, write 127.0.0.1:${PIKO_BROKER_PORT:-9092} (piko sets PIKO_BROKER_PORT"
                + " for compose)"), warnings("PLAINTEXT://127.0.0.1:9092", 10192));
    }

    @Test
    void otherHostsOtherPortsAndTheVariableItselfAreLeftAlone() {
        for (String value : List.of("PLAINTEXT://broker:9092", "notlocalhost:9092", "localhost:90921", "localhost:5432")) {
            assertEquals(List.of(), warnings(value, 10192), value);
        }
        assertEquals(List.of(), warnings("PLAINTEXT://localhost:10192", 10192), "the value follows the environment's port");
        assertEquals(List.of(), warnings("PLAINTEXT://localhost:9092", 9092), "published under its own number");
    }
}
