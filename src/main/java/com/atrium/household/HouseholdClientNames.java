package com.atrium.household;

import com.atrium.shared.ClientNames;
import java.util.Collection;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The households' display names for modules the household module depends on (workgroup screens). */
@Component
class HouseholdClientNames implements ClientNames {
    private final HouseholdRepository households;

    HouseholdClientNames(HouseholdRepository households) {
        this.households = households;
    }

    @Override
    public Map<Long, String> displayNames(long practiceId, Collection<Long> clientIds) {
        return households.displayNames(practiceId, clientIds);
    }
}
