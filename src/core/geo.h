// Great-circle distance between two points in decimal degrees, in kilometres (haversine on a
// 6371 km sphere): what merge, the store's --near filter, the API and alerts all measure.
#pragma once

namespace sitrep {

double distance_km(double lat1, double lon1, double lat2, double lon2);

}  // namespace sitrep
