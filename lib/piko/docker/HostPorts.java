package piko.docker;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a port can be bound on the host right now, for TCP and for UDP (Docker's port proxy
 * binds it too; a port is planned for either protocol, so both must be free).
 */
public final class HostPorts {
    private HostPorts() {
    }

    public static boolean isFree(int port) {
        return tcpFree(port) && udpFree(port);
    }

    static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress("0.0.0.0", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
