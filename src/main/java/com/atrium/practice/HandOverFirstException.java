package com.atrium.practice;

import com.atrium.shared.ConflictException;
import java.util.List;
import java.util.Map;

/** A staff change refused until clients are handed over (409, with the clients in the problem's {@code clients}). */
public class HandOverFirstException extends ConflictException {
    private final transient List<StaffResponsibilities.Responsibility> clients;

    HandOverFirstException(String message, List<StaffResponsibilities.Responsibility> clients) {
        super(message, Map.of("clients", clients.stream().map(c -> Map.of("id", c.clientId(), "name", c.clientName(),
                "role", c.kind().name(), "handOver", c.handOverPath())).toList()));
        this.clients = List.copyOf(clients);
    }

    public List<StaffResponsibilities.Responsibility> clients() {
        return clients;
    }
}
