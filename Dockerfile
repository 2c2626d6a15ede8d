# One image recipe for each Nexus service: docker compose builds it with SERVICE set to the module name.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
ARG SERVICE
RUN mvn -B -q -pl ${SERVICE} -am package -DskipTests

FROM eclipse-temurin:25-jre
ARG SERVICE
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 nexus \
    && mkdir -p /var/lib/nexus && chown nexus /var/lib/nexus
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/service.jar
USER nexus
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
